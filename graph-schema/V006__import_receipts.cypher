// An API import's receipt is committed with its data: a poll or a retried POST (Idempotency-Key) learns "committed"
// only from data that is there.
CREATE CONSTRAINT import_receipt_id IF NOT EXISTS FOR (r:ImportReceipt) REQUIRE r.id IS UNIQUE;
CREATE INDEX import_receipt_tenant_key IF NOT EXISTS FOR (r:ImportReceipt) ON (r.tenant, r.idempotencyKey);
