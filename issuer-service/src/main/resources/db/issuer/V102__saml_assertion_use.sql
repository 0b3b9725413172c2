-- SAML assertions used to assume a role, shared by every issuer on this database so that an assertion is used once
-- whichever issuer receives it, and again refused after a restart. Keyed by the SHA-256 of issuer, assertion ID and
-- role ARN (bounded, whatever their lengths); a row is useless once the assertion has expired, and is then purged.
CREATE TABLE saml_assertion_use (
    use_digest      BYTEA       NOT NULL PRIMARY KEY,
    not_on_or_after TIMESTAMPTZ NOT NULL
);
CREATE INDEX saml_assertion_use_expiry ON saml_assertion_use (not_on_or_after);
