package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.MfaCommands.CreateVirtualMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.DeactivateMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.DeleteVirtualMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.EnableMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.TagMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.UntagMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.UseMfaCode;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.MfaEvents.MfaCodeUsed;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceDeactivated;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceEnabled;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceTagged;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceUntagged;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceCreated;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceDeleted;
import dev.mayfly.runtime.AwsServiceException;
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

    private AggregateTestFixture<MfaDevice> fixture;

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
        fixture.given(CREATED, ENABLED).when(new UseMfaCode(PHONE, "alice", 101)).expectEvents(new MfaCodeUsed(PHONE, 101));
        fixture.given(CREATED, ENABLED, new MfaCodeUsed(PHONE, 101)).when(new UseMfaCode(PHONE, "alice", 101))
                .expectException(AwsServiceException.class).expectNoEvents();
        fixture.given(CREATED, ENABLED).when(new UseMfaCode(PHONE, "alice", 99)).expectException(AwsServiceException.class);
        fixture.given(CREATED, ENABLED).when(new UseMfaCode(PHONE, "bob", 101)).expectException(AwsServiceException.class);
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
}
