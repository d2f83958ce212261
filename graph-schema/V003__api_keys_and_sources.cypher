// API keys are stored as hashes only; pull sources keep their incremental cursor in the graph.
CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE;
CREATE CONSTRAINT source_cursor_id IF NOT EXISTS FOR (c:SourceCursor) REQUIRE c.id IS UNIQUE;
