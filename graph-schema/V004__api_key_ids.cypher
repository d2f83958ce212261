// API keys are addressed by a public id (listing, revoking, assigning tenants); the key itself is only a hash.
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE;
