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
}
