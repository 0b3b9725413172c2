-- Each long-term access key's last use, written by every issuer of the deployment from the calls it served (AccessKeyUsage):
-- what GetAccessKeyLastUsed answers, the same through any issuer. It replaces the snapshot of the last uses that an
-- issuer kept in read_model_snapshot (migration V3), which is copied here, then dropped.
CREATE TABLE access_key_last_use (
    access_key_id VARCHAR(128) NOT NULL PRIMARY KEY,
    used_at       TIMESTAMPTZ  NOT NULL,
    service_name  VARCHAR(64)  NOT NULL,
    region        VARCHAR(64)  NOT NULL
);

INSERT INTO access_key_last_use (access_key_id, used_at, service_name, region)
SELECT use.key, (use.value ->> 'at')::timestamptz, use.value ->> 'serviceName', use.value ->> 'region'
FROM read_model_snapshot snapshot,
     jsonb_each(convert_from(snapshot.state, 'UTF8')::jsonb -> 'byKey') AS use
WHERE snapshot.name = 'issuer.access-key-uses';

DROP TABLE read_model_snapshot;
