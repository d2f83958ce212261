// Every read is scoped to one tenant: stores are found by tenant first.
CREATE INDEX store_tenant IF NOT EXISTS FOR (s:Store) ON (s.tenant);
CREATE INDEX store_tenant_platform IF NOT EXISTS FOR (s:Store) ON (s.tenant, s.platform);
CREATE INDEX identifier_type IF NOT EXISTS FOR (i:Identifier) ON (i.type);
