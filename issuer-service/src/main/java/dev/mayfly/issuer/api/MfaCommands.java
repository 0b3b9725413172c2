package dev.mayfly.issuer.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands on virtual MFA devices. Codes are checked against the sealed seed before a command is sent: commands
 * carry the time steps the codes matched, never codes or seeds.
 */
public final class MfaCommands {

    private MfaCommands() {
    }

    public record CreateVirtualMfaDevice(@TargetAggregateIdentifier MfaDeviceRef device, String path, String serialNumber,
                                         Map<String, String> tags, Instant at) {
    }

    /** Adds tags, replacing those whose keys differ only in case; at most 50 per device. */
    public record TagMfaDevice(@TargetAggregateIdentifier MfaDeviceRef device, Map<String, String> tags) {
    }

    /** Removes the tags with these keys (without regard to case); unknown keys are ignored. */
    public record UntagMfaDevice(@TargetAggregateIdentifier MfaDeviceRef device, List<String> tagKeys) {
    }

    /** @param step the time step of the second of the two consecutive codes that proved the device works */
    public record EnableMfaDevice(@TargetAggregateIdentifier MfaDeviceRef device, String userName, long step, long driftSteps, Instant at) {
    }

    public record DeactivateMfaDevice(@TargetAggregateIdentifier MfaDeviceRef device, String userName) {
    }

    /** Re-aligns the device's clock: the codes were found {@code driftSteps} steps away from the issuer's time. */
    public record ResyncMfaDevice(@TargetAggregateIdentifier MfaDeviceRef device, String userName, long step, long driftSteps, Instant at) {
    }

    /**
     * A code of this step was presented; refused when the step is not newer than the last one used (replay) or while the
     * device is locked.
     */
    public record UseMfaCode(@TargetAggregateIdentifier MfaDeviceRef device, String userName, long step, Instant at) {
    }

    /**
     * A code presented for the device matched none of its steps; too many in a row lock the device. Answers whether the
     * device is locked afterwards.
     *
     * @param userName the user the code was presented for (the device's user, or the one EnableMFADevice names)
     */
    public record RejectMfaCode(@TargetAggregateIdentifier MfaDeviceRef device, String userName, Instant at) {
    }

    public record DeleteVirtualMfaDevice(@TargetAggregateIdentifier MfaDeviceRef device) {
    }

    /** The user the device is assigned to was renamed: the device follows it. */
    public record RenameMfaDeviceUser(@TargetAggregateIdentifier MfaDeviceRef device, String userName) {
    }
}
