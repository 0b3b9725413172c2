-- A snapshot of the issuer's read model (its directories) with the position of the event store's tail it holds
-- (ReadModelCheckpoints): a restart restores it and applies only the state changes after it, instead of every one. One
-- row, written by every issuer of the deployment; a snapshot replaces it only if it is further along.
CREATE TABLE read_model_checkpoint (
    id             SMALLINT    NOT NULL PRIMARY KEY CHECK (id = 1),
    position       BIGINT      NOT NULL, -- the global index of the last event it holds
    format_version INTEGER     NOT NULL, -- of what the state holds (ReadModelCheckpoints.FORMAT)
    mayfly_version VARCHAR(64) NOT NULL, -- of the build that wrote it (version+digest of the read model's classes): only it restores it
    state          BYTEA       NOT NULL, -- gzipped JSON (ReadModelCheckpoint): the gaps then open, the directories
    taken_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
