/**
 * From Kafka to Elasticsearch: each API-call event that a producer of mayfly.events signed
 * ({@link dev.mayfly.audit.projection.ApiCalls}; the digester reads through it too) becomes its CloudTrail records (two for a call across accounts),
 * each stored under its eventID, so that a redelivered event overwrites itself instead of duplicating. Offsets are
 * committed only after Elasticsearch acknowledged the batch; a failed batch is read again. Indices are per period,
 * shaped by one template, and deleted whole when past retention.
 */
package dev.mayfly.audit.projection;
