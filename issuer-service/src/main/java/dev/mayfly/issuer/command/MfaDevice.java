package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import dev.mayfly.issuer.api.IamErrors;
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
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceUserRenamed;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceTagged;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceUntagged;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceCreated;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceDeleted;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A virtual MFA device: assigned to at most one user at a time, and never accepting a code whose time step is not
 * newer than the last one it accepted, so that a code cannot be used twice. After {@value #MAX_CONSECUTIVE_FAILURES}
 * wrong codes in a row it refuses every code, right ones too, for {@link #LOCK_DURATION}, so that codes cannot be
 * guessed; the lock is in its event stream, so every issuer keeps it, after a restart too.
 */
public class MfaDevice {

    /**
     * Each guess matches 3 of a million codes (a check accepts one step either side), so 5 guesses per lock caps an
     * attacker at 480 guesses and about a 0.14 % chance a day, while a person who mistypes a code or two is not locked out.
     */
    static final int MAX_CONSECUTIVE_FAILURES = 5;
    static final Duration LOCK_DURATION = Duration.ofMinutes(15);

    @AggregateIdentifier
    private String id;
    private MfaDeviceRef ref;
    private boolean live;
    private String serialNumber;
    private String userName;
    private long lastStep = Long.MIN_VALUE;
    private int consecutiveFailures;
    private Instant lockedUntil = Instant.MIN;
    private Map<String, String> tags = Map.of();

    protected MfaDevice() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateVirtualMfaDevice command) {
        if (live) {
            throw IamErrors.entityAlreadyExists("MFADevice entity at the same path and name already exists.");
        }
        apply(new VirtualMfaDeviceCreated(command.device(), command.path(), command.serialNumber(), command.at()));
        tag(command.tags());
    }

    @CommandHandler
    public void handle(TagMfaDevice command) {
        requireLive();
        tag(command.tags());
    }

    private void tag(Map<String, String> added) {
        Tagging.additions(tags, added, "TagsPerMfaDevice").ifPresent(additions -> apply(new MfaDeviceTagged(ref, additions)));
    }

    @CommandHandler
    public void handle(UntagMfaDevice command) {
        requireLive();
        Tagging.removals(tags, command.tagKeys()).ifPresent(keys -> apply(new MfaDeviceUntagged(ref, keys)));
    }

    @CommandHandler
    public void handle(EnableMfaDevice command) {
        requireLive();
        if (userName != null) {
            throw IamErrors.entityAlreadyExists("MFA Device is already in use.");
        }
        refuseWhileLocked(command.at(), () -> IamErrors.invalidAuthenticationCode(serialNumber));
        requireNewer(command.step());
        apply(new MfaDeviceEnabled(ref, command.userName(), command.step(), command.driftSteps(), command.at()));
    }

    @CommandHandler
    public void handle(DeactivateMfaDevice command) {
        requireAssignedTo(command.userName());
        apply(new MfaDeviceDeactivated(ref, userName));
    }

    /** Whatever the device's state (locked or not): the device is the same, its user has a new name. */
    @CommandHandler
    public void handle(RenameMfaDeviceUser command) {
        if (userName != null && !userName.equals(command.userName())) {
            apply(new MfaDeviceUserRenamed(ref, command.userName()));
        }
    }

    @CommandHandler
    public void handle(ResyncMfaDevice command) {
        requireAssignedTo(command.userName());
        refuseWhileLocked(command.at(), () -> IamErrors.invalidAuthenticationCode(serialNumber));
        requireNewer(command.step());
        apply(new MfaDeviceResynced(ref, command.step(), command.driftSteps()));
    }

    @CommandHandler
    public void handle(UseMfaCode command) {
        requireAssignedTo(command.userName());
        refuseWhileLocked(command.at(), IamErrors::invalidMfaCode);
        requireNewer(command.step());
        apply(new MfaCodeUsed(ref, command.step()));
    }

    /** @return whether the device is locked now: the refusal's audit record says so */
    @CommandHandler
    public boolean handle(RejectMfaCode command) {
        requireLive();
        if (lockedAt(command.at())) {
            return true; // a guess during the lock is refused without being checked: it counts towards nothing
        }
        int failures = consecutiveFailures + 1;
        apply(new MfaCodeRejected(ref, command.userName(), failures, command.at()));
        if (failures < MAX_CONSECUTIVE_FAILURES) {
            return false;
        }
        apply(new MfaDeviceLocked(ref, serialNumber, command.userName(), command.at(), command.at().plus(LOCK_DURATION)));
        return true;
    }

    @CommandHandler
    public void handle(DeleteVirtualMfaDevice command) {
        requireLive();
        if (userName != null) {
            throw IamErrors.deleteConflict("MFA device is in use. Deactivate it before deleting it.");
        }
        apply(new VirtualMfaDeviceDeleted(ref, serialNumber));
    }

    private void requireLive() {
        if (!live) {
            throw IamErrors.noSuchEntity("VirtualMFADevice with serial number " + serialNumber + " doesn't exist.");
        }
    }

    private void requireAssignedTo(String user) {
        requireLive();
        if (userName == null || !userName.equalsIgnoreCase(user)) {
            throw IamErrors.noSuchEntity("MFA Device with serial number " + serialNumber + " does not exist for user " + user + ".");
        }
    }

    private boolean lockedAt(Instant now) {
        return now.isBefore(lockedUntil);
    }

    /** A locked device refuses a right code with the answer to a wrong one: the caller learns nothing about the code. */
    private void refuseWhileLocked(Instant now, Supplier<AwsServiceException> wrongCode) {
        if (lockedAt(now)) {
            throw wrongCode.get();
        }
    }

    /** The one-time-password rule: each code once, and none older than one already accepted. */
    private void requireNewer(long step) {
        if (step <= lastStep) {
            throw IamErrors.invalidMfaCode();
        }
    }

    @EventSourcingHandler
    void on(VirtualMfaDeviceCreated event) {
        this.id = event.device().toString();
        this.ref = event.device();
        this.serialNumber = event.serialNumber();
        this.live = true;
        this.userName = null;
        this.lastStep = Long.MIN_VALUE;
        this.consecutiveFailures = 0;
        this.lockedUntil = Instant.MIN;
        this.tags = Map.of();
    }

    @EventSourcingHandler
    void on(MfaDeviceTagged event) {
        tags = Tagging.merged(tags, event.tags());
    }

    @EventSourcingHandler
    void on(MfaDeviceUntagged event) {
        tags = Tagging.without(tags, event.tagKeys());
    }

    @EventSourcingHandler
    void on(MfaDeviceEnabled event) {
        userName = event.userName();
        lastStep = event.step();
        consecutiveFailures = 0;
    }

    @EventSourcingHandler
    void on(MfaDeviceDeactivated event) {
        userName = null;
    }

    @EventSourcingHandler
    void on(MfaDeviceUserRenamed event) {
        userName = event.userName();
    }

    @EventSourcingHandler
    void on(MfaDeviceResynced event) {
        lastStep = event.step();
        consecutiveFailures = 0;
    }

    @EventSourcingHandler
    void on(MfaCodeUsed event) {
        lastStep = event.step();
        consecutiveFailures = 0;
    }

    @EventSourcingHandler
    void on(MfaCodeRejected event) {
        consecutiveFailures = event.consecutiveFailures();
    }

    /** The lock ends the run of failures: once it has run out, a guesser has another full set of tries, not one. */
    @EventSourcingHandler
    void on(MfaDeviceLocked event) {
        lockedUntil = event.lockedUntil();
        consecutiveFailures = 0;
    }

    @EventSourcingHandler
    void on(VirtualMfaDeviceDeleted event) {
        live = false;
    }
}
