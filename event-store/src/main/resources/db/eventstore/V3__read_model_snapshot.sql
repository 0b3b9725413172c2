-- What a read model derived from API-call records, as of a position in the event store (ReadModelSnapshots): a restart
-- starts from it and reads only the calls stored after that position, instead of every call ever recorded.
CREATE TABLE read_model_snapshot (
    name     VARCHAR(255) NOT NULL PRIMARY KEY,
    position BIGINT       NOT NULL, -- the global index of the last event the state holds
    state    BYTEA        NOT NULL, -- JSON
    taken_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
