package dev.mayfly.issuer.mfa;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.MfaCommands.UseMfaCode;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.credentials.Totp;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.MfaDeviceView;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Checks MFA codes. A code proves possession once: the device's aggregate refuses a step that is not newer than the
 * last one accepted. Codes are accepted one step either side of the device's (drift-corrected) time; enabling and
 * resynchronizing look further, for two consecutive codes.
 */
public final class MfaVerifier {

    /** One step either way: a code typed just as it changes still counts. */
    private static final int WINDOW = 1;
    /** How far from the issuer's time two consecutive codes may be found when enabling or resynchronizing (10 minutes). */
    private static final int SYNC_WINDOW = 20;
    private static final Pattern SERIAL = Pattern.compile("arn:aws:iam::(\\d{12}):mfa/(?:[\\x21-\\x7E]*/)?([\\w+=,.@-]+)");

    private final IdentityDirectory directory;
    private final CredentialVault seeds;
    private final CommandGateway commands;

    public MfaVerifier(IdentityDirectory directory, CredentialVault seeds, CommandGateway commands) {
        this.directory = directory;
        this.seeds = seeds;
        this.commands = commands;
    }

    /** Where two consecutive codes were found: the step of the second, and how far the device's clock is off. */
    public record Sync(long step, long driftSteps) {
    }

    /** The device a serial number names, in the given account. */
    public Optional<MfaDeviceView> device(AccountId account, String serialNumber) {
        Matcher m = SERIAL.matcher(serialNumber);
        if (!m.matches() || !m.group(1).equals(account.value())) {
            return Optional.empty();
        }
        return directory.mfaDevice(new MfaDeviceRef(account, m.group(2))).filter(d -> d.serialNumber().equals(serialNumber));
    }

    /**
     * Proves that a user holds the device now: the device must be assigned to the user and the code right, and not used
     * before.
     *
     * @throws dev.mayfly.runtime.AwsServiceException AccessDenied otherwise
     */
    public void verify(AccountId account, String userName, String serialNumber, String code, Instant now) {
        MfaDeviceView device = device(account, serialNumber)
                .filter(d -> d.userName() != null && d.userName().equalsIgnoreCase(userName))
                .orElseThrow(IamErrors::invalidMfaCode);
        String seed = seeds.secret(device.serialNumber()).orElseThrow(IamErrors::invalidMfaCode);
        OptionalLong step = Totp.matchingStep(seed, code, Totp.step(now) + device.driftSteps(), WINDOW);
        if (step.isEmpty()) {
            throw IamErrors.invalidMfaCode();
        }
        commands.sendAndWait(new UseMfaCode(new MfaDeviceRef(account, device.deviceName()), userName, step.getAsLong()));
    }

    /**
     * Finds two consecutive codes of a device near the issuer's time (EnableMFADevice, ResyncMFADevice).
     *
     * @throws dev.mayfly.runtime.AwsServiceException InvalidAuthenticationCode when they are not consecutive codes of the device
     */
    public Sync consecutive(MfaDeviceView device, String code1, String code2, Instant now) {
        String seed = seeds.secret(device.serialNumber()).orElseThrow(() -> invalidAuthenticationCode(device));
        long center = Totp.step(now);
        for (int distance = 0; distance <= SYNC_WINDOW; distance++) {
            for (long first : distance == 0 ? new long[] {center - 1} : new long[] {center - 1 - distance, center - 1 + distance}) {
                if (Totp.code(seed, first).equals(code1) && Totp.code(seed, first + 1).equals(code2)) {
                    long drift = first + 1 - center;
                    // within the window every check allows anyway, a step's difference is the moment, not the device's clock
                    return new Sync(first + 1, Math.abs(drift) <= WINDOW ? 0 : drift);
                }
            }
        }
        throw invalidAuthenticationCode(device);
    }

    private static dev.mayfly.runtime.AwsServiceException invalidAuthenticationCode(MfaDeviceView device) {
        return new dev.mayfly.runtime.AwsServiceException("InvalidAuthenticationCode",
                "Authentication code for device '" + device.serialNumber() + "' was incorrect.", 403);
    }
}
