-- Secret access keys, sealed (AES-256-GCM under the vault key ring, bound to their access key id).
-- Written in the same transaction as the event that creates the key; never part of any event.
CREATE TABLE access_key_secret (
    access_key_id VARCHAR(32)  NOT NULL PRIMARY KEY,
    account_id    VARCHAR(12)  NOT NULL,
    sealed_secret BYTEA        NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
