package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.MfaCommands.CreateVirtualMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.DeactivateMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.DeleteVirtualMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.EnableMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.ResyncMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.TagMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.UntagMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.UseMfaCode;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.MfaEvents.MfaCodeUsed;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceDeactivated;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceEnabled;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceResynced;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceTagged;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceUntagged;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceCreated;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceDeleted;
import dev.mayfly.issuer.api.Tagging;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A virtual MFA device: assigned to at most one user at a time, and never accepting a code whose time step is not
 * newer than the last one it accepted, so that a code cannot be used twice.
 */
public class MfaDevice {

    @AggregateIdentifier
    private String id;
    private MfaDeviceRef ref;
    private boolean live;
    private String serialNumber;
    private String userName;
    private long lastStep = Long.MIN_VALUE;
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
        requireNewer(command.step());
        apply(new MfaDeviceEnabled(ref, command.userName(), command.step(), command.driftSteps(), command.at()));
    }

    @CommandHandler
    public void handle(DeactivateMfaDevice command) {
        requireAssignedTo(command.userName());
        apply(new MfaDeviceDeactivated(ref, userName));
    }

    @CommandHandler
    public void handle(ResyncMfaDevice command) {
        requireAssignedTo(command.userName());
        requireNewer(command.step());
        apply(new MfaDeviceResynced(ref, command.step(), command.driftSteps()));
    }

    @CommandHandler
    public void handle(UseMfaCode command) {
        requireAssignedTo(command.userName());
        requireNewer(command.step());
        apply(new MfaCodeUsed(ref, command.step()));
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
    }

    @EventSourcingHandler
    void on(MfaDeviceDeactivated event) {
        userName = null;
    }

    @EventSourcingHandler
    void on(MfaDeviceResynced event) {
        lastStep = event.step();
    }

    @EventSourcingHandler
    void on(MfaCodeUsed event) {
        lastStep = event.step();
    }

    @EventSourcingHandler
    void on(VirtualMfaDeviceDeleted event) {
        live = false;
    }
}
