/**
 * The audit service: CloudTrail records projected from mayfly.events into Elasticsearch
 * ({@link dev.mayfly.audit.projection}), and CloudTrail's LookupEvents over them ({@link dev.mayfly.audit.lookup}).
 *
 * <p>Owns: the audit indices and their queries. Must not touch: the issuer's code or database; it knows
 * the issuer only through the event contract and the authorize endpoint.
 */
package dev.mayfly.audit;
