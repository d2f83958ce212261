// Canonicalization version 2 (spec §1a, format v1.1): legal entities and addresses are keyed across notations
// (company: place + brand + industry + legal form; address: country + city/postcode + street + number + building +
// unit, with the building key beside it). Raw values are not kept, so identities written before cannot be re-keyed
// here: a tenant gets the new keys when it re-imports its files. Version 1 observations are those of these types
// without a notation hash; start-up names the tenants that still hold them, once.
MERGE (c:Canonicalization {id: 'identity'})
ON CREATE SET c.since = datetime()
SET c.version = 2, c.types = ['legal_entity', 'address'];
// the start-up question ("which tenants still hold version 1 identities") walks identifiers of these types only
CREATE INDEX identifier_type IF NOT EXISTS FOR (i:Identifier) ON (i.type);
