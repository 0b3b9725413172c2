/**
 * Workloads: applications that get a role's temporary credentials the way AWS workloads do, instead of holding keys.
 *
 * <p>Owns the workload management API ({@link dev.mayfly.issuer.workload.WorkloadsEndpoint}, JSON, SigV4-signed for the
 * service name {@code workloads}) and the container credentials endpoint
 * ({@link dev.mayfly.issuer.workload.WorkloadCredentialsEndpoint}) that AWS SDKs call with
 * AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN. A bootstrap token is shown once and kept
 * only as a hash; a workload registered with an OIDC identity has none, and proves itself with its Kubernetes
 * service-account tokens instead ({@link dev.mayfly.issuer.workload.ServiceAccountTokens}, which verifies them with the
 * webidentity package). The credentials are an AssumeRole session of the workload's role, decided by
 * {@link dev.mayfly.issuer.sts.WorkloadRoleProvider}; this package decides nothing about roles itself.
 *
 * <p>Must not touch: the aggregates' state (only commands), the audit and revocation services.
 */
package dev.mayfly.issuer.workload;
