package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.RoleArn;
import dev.mayfly.issuer.api.WorkloadCommands.DeleteWorkload;
import dev.mayfly.issuer.api.WorkloadCommands.RegisterWorkload;
import dev.mayfly.issuer.api.WorkloadCommands.RevokeWorkloadToken;
import dev.mayfly.issuer.api.WorkloadCommands.RotateWorkloadToken;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadDeleted;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadRegistered;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadTokenRevoked;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadTokenRotated;
import dev.mayfly.issuer.api.WorkloadOidcIdentity;
import dev.mayfly.issuer.api.WorkloadRef;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
    private static final AccountId ACCOUNT = AccountId.of("111122223333");
    private static final WorkloadRef WEB = new WorkloadRef(ACCOUNT, "web");
    private static final RoleArn ROLE = RoleArn.parse("arn:aws:iam::111122223333:role/web-app").orElseThrow();
    private static final String ROOT = "arn:aws:iam::111122223333:root";
    private static final WorkloadRegistered REGISTERED = new WorkloadRegistered(WEB, "wl-aaaaaaaaaaaaaaaaaaaa",
            "arn:aws:workloads::111122223333:workload/web", ROLE.toString(), "web", 3600, List.of("10.0.0.0/8"), "hash-1", T, ROOT, null);

    private AggregateTestFixture<Workload> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Workload.class);
    }

    @Test
    void registerWorkloadWhenNewThenRegisteredWithItsArnAndTokenHash() {
        fixture.givenNoPriorActivity()
                .when(new RegisterWorkload(WEB, "wl-aaaaaaaaaaaaaaaaaaaa", ROLE, "web", 3600, List.of("10.0.0.0/8"), "hash-1", T, ROOT, null))
                .expectEvents(REGISTERED);
    }

    @Test
    void registerWorkloadWhenNameTakenThenEntityAlreadyExists() {
        fixture.given(REGISTERED)
                .when(new RegisterWorkload(new WorkloadRef(ACCOUNT, "WEB"), "wl-bbbbbbbbbbbbbbbbbbbb", ROLE, "web", 3600, List.of(), "hash-2",
                        T, ROOT, null))
                .expectExceptionMessage("Workload with name WEB already exists.")
                .expectNoEvents();
    }

    @Test
    void registerWorkloadWhenRoleOfAnotherAccountThenValidationError() {
        RoleArn foreign = RoleArn.parse("arn:aws:iam::999988887777:role/admin").orElseThrow();
        fixture.givenNoPriorActivity()
                .when(new RegisterWorkload(WEB, "wl-aaaaaaaaaaaaaaaaaaaa", foreign, "web", 3600, List.of(), "hash-1", T, ROOT, null))
                .expectException(AwsServiceException.class)
                .expectNoEvents();
    }

    @Test
    void registerWorkloadWhenDeletedBeforeThenANewLife() {
        fixture.given(REGISTERED, new WorkloadDeleted(WEB, "wl-aaaaaaaaaaaaaaaaaaaa", T, ROOT))
                .when(new RegisterWorkload(WEB, "wl-cccccccccccccccccccc", ROLE, "web", 900, List.of(), "hash-3", T, ROOT, null))
                .expectEvents(new WorkloadRegistered(WEB, "wl-cccccccccccccccccccc", "arn:aws:workloads::111122223333:workload/web",
                        ROLE.toString(), "web", 900, List.of(), "hash-3", T, ROOT, null));
    }

    @Test
    void rotateWorkloadTokenWhenLiveThenTokenRotated() {
        fixture.given(REGISTERED)
                .when(new RotateWorkloadToken(WEB, "hash-2", T, ROOT))
                .expectEvents(new WorkloadTokenRotated(WEB, "wl-aaaaaaaaaaaaaaaaaaaa", "hash-2", T, ROOT));
    }

    @Test
    void revokeWorkloadTokenWhenItHasOneThenRevokedAndWhenNotThenNothing() {
        fixture.given(REGISTERED)
                .when(new RevokeWorkloadToken(WEB, T, ROOT))
                .expectEvents(new WorkloadTokenRevoked(WEB, "wl-aaaaaaaaaaaaaaaaaaaa", T, ROOT));
        fixture.given(REGISTERED, new WorkloadTokenRevoked(WEB, "wl-aaaaaaaaaaaaaaaaaaaa", T, ROOT))
                .when(new RevokeWorkloadToken(WEB, T, ROOT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rotateOrDeleteWhenDeletedThenNoSuchEntity() {
        fixture.given(REGISTERED, new WorkloadDeleted(WEB, "wl-aaaaaaaaaaaaaaaaaaaa", T, ROOT))
                .when(new RotateWorkloadToken(WEB, "hash-2", T, ROOT))
                .expectExceptionMessage("The workload with name web cannot be found.")
                .expectNoEvents();
        fixture.given(REGISTERED, new WorkloadDeleted(WEB, "wl-aaaaaaaaaaaaaaaaaaaa", T, ROOT))
                .when(new DeleteWorkload(WEB, T, ROOT))
                .expectException(AwsServiceException.class)
                .expectNoEvents();
    }

    private static final WorkloadOidcIdentity SERVICE_ACCOUNT = new WorkloadOidcIdentity(
            "arn:aws:iam::111122223333:oidc-provider/oidc.example.com/cluster", "prod", "web");
    private static final WorkloadRegistered REGISTERED_WITH_OIDC = new WorkloadRegistered(WEB, "wl-dddddddddddddddddddd",
            "arn:aws:workloads::111122223333:workload/web", ROLE.toString(), "web", 3600, List.of(), null, T, ROOT, SERVICE_ACCOUNT);

    @Test
    void registerWorkloadWhenOidcIdentityThenRegisteredWithoutTokenHash() {
        fixture.givenNoPriorActivity()
                .when(new RegisterWorkload(WEB, "wl-dddddddddddddddddddd", ROLE, "web", 3600, List.of(), null, T, ROOT, SERVICE_ACCOUNT))
                .expectEvents(REGISTERED_WITH_OIDC);
    }

    @Test
    void registerWorkloadWhenProviderOfAnotherAccountThenValidationError() {
        WorkloadOidcIdentity foreign = new WorkloadOidcIdentity("arn:aws:iam::999988887777:oidc-provider/oidc.example.com", "prod", "web");
        fixture.givenNoPriorActivity()
                .when(new RegisterWorkload(WEB, "wl-dddddddddddddddddddd", ROLE, "web", 3600, List.of(), null, T, ROOT, foreign))
                .expectException(AwsServiceException.class)
                .expectNoEvents();
    }

    @Test
    void rotateOrRevokeTokenWhenOidcIdentityThenValidationErrorAndNothingRecorded() {
        fixture.given(REGISTERED_WITH_OIDC)
                .when(new RotateWorkloadToken(WEB, "hash-2", T, ROOT))
                .expectException(AwsServiceException.class)
                .expectNoEvents();
        fixture.given(REGISTERED_WITH_OIDC)
                .when(new RevokeWorkloadToken(WEB, T, ROOT))
                .expectException(AwsServiceException.class)
                .expectNoEvents();
    }
}
