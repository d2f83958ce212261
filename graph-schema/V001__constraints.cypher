// Every key that is MERGEd has a uniqueness constraint (which also gives it an index).
CREATE CONSTRAINT tenant_id IF NOT EXISTS FOR (t:Tenant) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT store_uid IF NOT EXISTS FOR (s:Store) REQUIRE s.uid IS UNIQUE;
CREATE CONSTRAINT identifier_uid IF NOT EXISTS FOR (i:Identifier) REQUIRE i.uid IS UNIQUE;
CREATE CONSTRAINT status_event_uid IF NOT EXISTS FOR (e:StatusEvent) REQUIRE e.uid IS UNIQUE;
CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE;
