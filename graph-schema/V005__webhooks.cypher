// Outgoing webhooks: one risk baseline per tenant, and an outbox of events deduplicated by id.
CREATE CONSTRAINT risk_baseline_tenant IF NOT EXISTS FOR (b:RiskBaseline) REQUIRE b.tenant IS UNIQUE;
CREATE CONSTRAINT webhook_event_id IF NOT EXISTS FOR (w:WebhookEvent) REQUIRE w.id IS UNIQUE;
