-- Seeds of virtual MFA devices (the TOTP shared secrets), sealed like access key secrets and bound to their
-- serial number. Written in the transaction of CreateVirtualMFADevice, deleted with the device; never in an event.
CREATE TABLE mfa_seed (
    serial_number VARCHAR(512) NOT NULL PRIMARY KEY,
    account_id    VARCHAR(12)  NOT NULL,
    sealed_seed   BYTEA        NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
