package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;
import java.util.List;

/**
 * Events of workloads. They carry the SHA-256 of a bootstrap token, never the token: the token is 256 random bits, so
 * its hash can neither be reversed nor guessed from, and it may travel where events go (Kafka, the audit).
 */
public final class WorkloadEvents {

    private WorkloadEvents() {
    }

    /** @param oidcIdentity the service account whose tokens prove the workload (then tokenHash is null); null in events before it */
    public record WorkloadRegistered(WorkloadRef workload, String workloadId, String arn, String roleArn, String sessionName,
                                     int durationSeconds, List<String> allowedSourceCidrs, String tokenHash, Instant registeredAt,
                                     String registeredBy, WorkloadOidcIdentity oidcIdentity) implements AccountScoped {
        @Override
        public String accountId() {
            return workload.account().value();
        }
    }

    public record WorkloadTokenRotated(WorkloadRef workload, String workloadId, String tokenHash, Instant rotatedAt, String rotatedBy)
            implements AccountScoped {
        @Override
        public String accountId() {
            return workload.account().value();
        }
    }

    public record WorkloadTokenRevoked(WorkloadRef workload, String workloadId, Instant revokedAt, String revokedBy)
            implements AccountScoped {
        @Override
        public String accountId() {
            return workload.account().value();
        }
    }

    public record WorkloadDeleted(WorkloadRef workload, String workloadId, Instant deletedAt, String deletedBy) implements AccountScoped {
        @Override
        public String accountId() {
            return workload.account().value();
        }
    }
}
