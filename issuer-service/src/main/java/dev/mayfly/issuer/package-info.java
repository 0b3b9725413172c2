/**
 * The issuer: the STS and IAM endpoints. Identities and sessions are Axon event-sourced aggregates in
 * PostgreSQL; every call is an event, published to Kafka.
 *
 * <p>Packages by concern: {@code api} (messages), {@code command} (aggregates), {@code query} (the
 * in-memory directory), {@code protocol} (the Query protocol endpoint), {@code auth} (who calls),
 * {@code authz} (what they may do, and the authorize endpoint for the other services), {@code sts} and
 * {@code iam} (the actions: IAM's by the resource they act on, in {@code iam.users}, {@code iam.roles}...; each
 * package's action group registers them in the {@link dev.mayfly.issuer.protocol.ActionCatalog}, and
 * docs/served-actions.md lists them), {@code credentials} (ids, secrets, the vault), {@code admin} (tenants),
 * {@code workload} (workloads' management API and container credentials endpoint).
 *
 * <p>Owns: identities, credentials and issuance. Must not touch: the audit or revocation services' code;
 * they are reached only through Kafka and HTTP.
 */
package dev.mayfly.issuer;
