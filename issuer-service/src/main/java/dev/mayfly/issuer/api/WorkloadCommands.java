package dev.mayfly.issuer.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands on workloads. A bootstrap token never travels in a command: only its SHA-256 (WorkloadTokens), so that the
 * token itself exists nowhere but in the answer that shows it once.
 */
public final class WorkloadCommands {

    private WorkloadCommands() {
    }

    /**
     * A workload proves itself with either a bootstrap token (tokenHash) or an OIDC identity, never both.
     *
     * @param allowedSourceCidrs the addresses credentials may be asked from (CIDR blocks); empty: from anywhere
     * @param tokenHash          the bootstrap token's SHA-256; null for a workload with an OIDC identity
     * @param registeredBy       the ARN of the caller who registered it
     * @param oidcIdentity       the service account whose tokens prove the workload; null for a bootstrap token's
     */
    public record RegisterWorkload(@TargetAggregateIdentifier WorkloadRef workload, String workloadId, RoleArn roleArn,
                                   String sessionName, int durationSeconds, List<String> allowedSourceCidrs, String tokenHash,
                                   Instant at, String registeredBy, WorkloadOidcIdentity oidcIdentity) {
    }

    /** Replaces the bootstrap token: the previous one stops working at once. */
    public record RotateWorkloadToken(@TargetAggregateIdentifier WorkloadRef workload, String tokenHash, Instant at, String by) {
    }

    /** Withdraws the bootstrap token without a new one: no credentials until the next rotation. */
    public record RevokeWorkloadToken(@TargetAggregateIdentifier WorkloadRef workload, Instant at, String by) {
    }

    /** A workload of the same name may be registered afterwards; it gets a new id and a new token. */
    public record DeleteWorkload(@TargetAggregateIdentifier WorkloadRef workload, Instant at, String by) {
    }
}
