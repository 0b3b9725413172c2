package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.MfaCommands.CreateVirtualMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.DeactivateMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.DeleteVirtualMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.EnableMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.RejectMfaCode;
import dev.mayfly.issuer.api.MfaCommands.RenameMfaDeviceUser;
import dev.mayfly.issuer.api.MfaCommands.ResyncMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.TagMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.UntagMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.UseMfaCode;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.MfaEvents.MfaCodeRejected;
import dev.mayfly.issuer.api.MfaEvents.MfaCodeUsed;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceDeactivated;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceEnabled;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceLocked;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceResynced;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceTagged;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceUntagged;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceUserRenamed;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceCreated;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceDeleted;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MfaDeviceTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final MfaDeviceRef PHONE = new MfaDeviceRef(AccountId.of("111122223333"), "phone");
    private static final String SERIAL = "arn:aws:iam::111122223333:mfa/phone";
    private static final VirtualMfaDeviceCreated CREATED = new VirtualMfaDeviceCreated(PHONE, "/", SERIAL, T);
    private static final MfaDeviceEnabled ENABLED = new MfaDeviceEnabled(PHONE, "alice", 100, 0, T);

    private static final Instant UNTIL = T.plus(Duration.ofMinutes(15));
    private static final String WRONG_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code.";

    private AggregateTestFixture<MfaDevice> fixture;

    /** Four wrong codes in a row, a minute apart, the last at T. */
    private static Object[] fourRejections() {
        return new Object[] {CREATED, ENABLED, rejected(1, T.minusSeconds(180)), rejected(2, T.minusSeconds(120)),
                rejected(3, T.minusSeconds(60)), rejected(4, T)};
    }

    private static Object[] locked() {
        return new Object[] {CREATED, ENABLED, rejected(5, T), new MfaDeviceLocked(PHONE, SERIAL, "alice", T, UNTIL)};
    }

    private static MfaCodeRejected rejected(int consecutiveFailures, Instant at) {
        return new MfaCodeRejected(PHONE, "alice", consecutiveFailures, at);
    }

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(MfaDevice.class);
    }

    @Test
    void createWhenNewThenCreatedAndWhenLiveThenEntityAlreadyExists() {
        fixture.givenNoPriorActivity().when(new CreateVirtualMfaDevice(PHONE, "/", SERIAL, Map.of(), T)).expectEvents(CREATED);
        fixture.given(CREATED).when(new CreateVirtualMfaDevice(PHONE, "/", SERIAL, Map.of(), T)).expectException(AwsServiceException.class);
    }

    @Test
    void enableWhenAlreadyAssignedThenEntityAlreadyExists() {
        fixture.given(CREATED).when(new EnableMfaDevice(PHONE, "alice", 100, 0, T)).expectEvents(ENABLED);
        fixture.given(CREATED, ENABLED).when(new EnableMfaDevice(PHONE, "bob", 200, 0, T))
                .expectException(AwsServiceException.class).expectExceptionMessage("MFA Device is already in use.");
    }

    @Test
    void useMfaCodeWhenStepNewerThenUsedAndWhenSameOrOlderThenRefusedAsReplay() {
        fixture.given(CREATED, ENABLED).when(new UseMfaCode(PHONE, "alice", 101, T)).expectEvents(new MfaCodeUsed(PHONE, 101));
        fixture.given(CREATED, ENABLED, new MfaCodeUsed(PHONE, 101)).when(new UseMfaCode(PHONE, "alice", 101, T))
                .expectException(AwsServiceException.class).expectNoEvents();
        fixture.given(CREATED, ENABLED).when(new UseMfaCode(PHONE, "alice", 99, T)).expectException(AwsServiceException.class);
        fixture.given(CREATED, ENABLED).when(new UseMfaCode(PHONE, "bob", 101, T)).expectException(AwsServiceException.class);
    }

    @Test
    void deleteWhenAssignedThenDeleteConflictAndWhenDeactivatedThenDeleted() {
        fixture.given(CREATED, ENABLED).when(new DeleteVirtualMfaDevice(PHONE)).expectException(AwsServiceException.class);
        fixture.given(CREATED, ENABLED).when(new DeactivateMfaDevice(PHONE, "Alice")).expectEvents(new MfaDeviceDeactivated(PHONE, "alice"));
        fixture.given(CREATED, ENABLED, new MfaDeviceDeactivated(PHONE, "alice")).when(new DeleteVirtualMfaDevice(PHONE))
                .expectEvents(new VirtualMfaDeviceDeleted(PHONE, SERIAL));
    }

    @Test
    void createWhenTagsThenCreatedAndTaggedAndUntagRemovesOnlyPresentKeys() {
        fixture.givenNoPriorActivity().when(new CreateVirtualMfaDevice(PHONE, "/", SERIAL, Map.of("Owner", "alice"), T))
                .expectEvents(CREATED, new MfaDeviceTagged(PHONE, Map.of("Owner", "alice")));
        fixture.given(CREATED, new MfaDeviceTagged(PHONE, Map.of("Owner", "alice"))).when(new UntagMfaDevice(PHONE, List.of("OWNER", "absent")))
                .expectEvents(new MfaDeviceUntagged(PHONE, List.of("OWNER")));
        fixture.given(CREATED, new VirtualMfaDeviceDeleted(PHONE, SERIAL)).when(new TagMfaDevice(PHONE, Map.of("Owner", "alice")))
                .expectException(AwsServiceException.class).expectNoEvents();
    }

    @Test
    void rejectMfaCodeWhenFirstThenCountedAndDeviceNotLocked() {
        fixture.given(CREATED, ENABLED).when(new RejectMfaCode(PHONE, "alice", T))
                .expectEvents(rejected(1, T)).expectResultMessagePayload(false);
    }

    @Test
    void rejectMfaCodeWhenFifthInARowThenDeviceLockedForFifteenMinutes() {
        fixture.given(fourRejections()).when(new RejectMfaCode(PHONE, "alice", T.plusSeconds(1)))
                .expectEvents(rejected(5, T.plusSeconds(1)), new MfaDeviceLocked(PHONE, SERIAL, "alice", T.plusSeconds(1), UNTIL.plusSeconds(1)))
                .expectResultMessagePayload(true);
    }

    @Test
    void rejectMfaCodeWhenLockedThenNothingCountedAndStillLocked() {
        fixture.given(locked()).when(new RejectMfaCode(PHONE, "alice", UNTIL.minusSeconds(1)))
                .expectNoEvents().expectResultMessagePayload(true);
    }

    @Test
    void rejectMfaCodeWhenLockHasRunOutThenCountingStartsAgainFromOne() {
        fixture.given(locked()).when(new RejectMfaCode(PHONE, "alice", UNTIL))
                .expectEvents(rejected(1, UNTIL)).expectResultMessagePayload(false);
    }

    @Test
    void useMfaCodeWhenLockedThenRightCodeRefusedAsWrongAndWhenLockRunOutThenUsed() {
        fixture.given(locked()).when(new UseMfaCode(PHONE, "alice", 101, UNTIL.minusSeconds(1)))
                .expectException(AwsServiceException.class).expectExceptionMessage(WRONG_CODE).expectNoEvents();
        fixture.given(locked()).when(new UseMfaCode(PHONE, "alice", 101, UNTIL)).expectEvents(new MfaCodeUsed(PHONE, 101));
    }

    @Test
    void useMfaCodeWhenAcceptedAfterFourRejectionsThenTheNextRejectionIsTheFirst() {
        fixture.given(fourRejections()).andGiven(new MfaCodeUsed(PHONE, 101)).when(new RejectMfaCode(PHONE, "alice", T.plusSeconds(1)))
                .expectEvents(rejected(1, T.plusSeconds(1))).expectResultMessagePayload(false);
    }

    @Test
    void enableAndResyncWhenLockedThenInvalidAuthenticationCodeAndWhenLockRunOutThenResynced() {
        String incorrect = "Authentication code for device '" + SERIAL + "' was incorrect.";
        fixture.given(locked()).when(new ResyncMfaDevice(PHONE, "alice", 200, 0, UNTIL.minusSeconds(1)))
                .expectException(AwsServiceException.class).expectExceptionMessage(incorrect).expectNoEvents();
        fixture.given(locked()).andGiven(new MfaDeviceDeactivated(PHONE, "alice")).when(new EnableMfaDevice(PHONE, "bob", 200, 0, UNTIL.minusSeconds(1)))
                .expectException(AwsServiceException.class).expectExceptionMessage(incorrect).expectNoEvents();
        fixture.given(locked()).when(new ResyncMfaDevice(PHONE, "alice", 200, 3, UNTIL))
                .expectEvents(new MfaDeviceResynced(PHONE, 200, 3));
    }

    @Test
    void renameMfaDeviceUserWhenAssignedThenFollowsTheUserAndWhenSameThenNothing() {
        fixture.given(CREATED, ENABLED).when(new RenameMfaDeviceUser(PHONE, "alicia"))
                .expectEvents(new MfaDeviceUserRenamed(PHONE, "alicia"));
        fixture.given(CREATED, ENABLED).when(new RenameMfaDeviceUser(PHONE, "alice")).expectNoEvents();
        fixture.given(CREATED, ENABLED, new MfaDeviceUserRenamed(PHONE, "alicia"))
                .when(new DeactivateMfaDevice(PHONE, "alicia")).expectEvents(new MfaDeviceDeactivated(PHONE, "alicia"));
    }
}
