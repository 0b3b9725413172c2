/**
 * From Kafka to Elasticsearch: each API-call event becomes one CloudTrail record whose document id is
 * its eventID, so a redelivered event overwrites itself instead of duplicating. Offsets are committed
 * only after Elasticsearch acknowledged the batch; a failed batch is read again.
 */
package dev.mayfly.audit.projection;
