package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events of virtual MFA devices: never a seed, never a code. */
public final class MfaEvents {

    private MfaEvents() {
    }

    public record VirtualMfaDeviceCreated(MfaDeviceRef device, String path, String serialNumber, Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return device.account().value();
        }
    }

    public record MfaDeviceEnabled(MfaDeviceRef device, String userName, long step, long driftSteps, Instant enabledAt)
            implements AccountScoped {
        @Override
        public String accountId() {
            return device.account().value();
        }
    }

    public record MfaDeviceDeactivated(MfaDeviceRef device, String userName) implements AccountScoped {
        @Override
        public String accountId() {
            return device.account().value();
        }
    }

    public record MfaDeviceResynced(MfaDeviceRef device, long step, long driftSteps) implements AccountScoped {
        @Override
        public String accountId() {
            return device.account().value();
        }
    }

    public record MfaCodeUsed(MfaDeviceRef device, long step) implements AccountScoped {
        @Override
        public String accountId() {
            return device.account().value();
        }
    }

    /**
     * A wrong code was presented for the device (a replayed one is not counted: it proves the device was held).
     *
     * @param consecutiveFailures wrong codes in a row, this one included, since the last accepted code or lock
     */
    public record MfaCodeRejected(MfaDeviceRef device, String userName, int consecutiveFailures, Instant rejectedAt)
            implements AccountScoped {
        @Override
        public String accountId() {
            return device.account().value();
        }
    }

    /** Too many wrong codes in a row: until {@code lockedUntil} the device refuses every code, right ones too. */
    public record MfaDeviceLocked(MfaDeviceRef device, String serialNumber, String userName, Instant lockedAt, Instant lockedUntil)
            implements AccountScoped {
        @Override
        public String accountId() {
            return device.account().value();
        }
    }

    public record VirtualMfaDeviceDeleted(MfaDeviceRef device, String serialNumber) implements AccountScoped {
        @Override
        public String accountId() {
            return device.account().value();
        }
    }

    public record MfaDeviceTagged(MfaDeviceRef device, Map<String, String> tags) implements AccountScoped {
        @Override
        public String accountId() {
            return device.account().value();
        }
    }

    public record MfaDeviceUntagged(MfaDeviceRef device, List<String> tagKeys) implements AccountScoped {
        @Override
        public String accountId() {
            return device.account().value();
        }
    }

    /** The device's user has a new name. */
    public record MfaDeviceUserRenamed(MfaDeviceRef device, String userName) implements AccountScoped {
        @Override
        public String accountId() {
            return device.account().value();
        }
    }
}
