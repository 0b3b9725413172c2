-- Read models no longer derive anything from API-call records (the issuer keeps each access key's last use in a table
-- of its own, which every issuer writes), so nothing snapshots what calls make of them.
DROP TABLE read_model_snapshot;
