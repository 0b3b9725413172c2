package dev.mayfly.issuer.mfa;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.MfaCommands.RejectMfaCode;
import dev.mayfly.issuer.api.MfaCommands.UseMfaCode;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.credentials.Totp;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.MfaDeviceView;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.RefusalWithEffects;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Checks MFA codes. A code proves possession once: the device's aggregate refuses a step that is not newer than the
 * last one accepted. Codes are accepted one step either side of the device's (drift-corrected) time; enabling and
 * resynchronizing look further, for two consecutive codes.
 *
 * <p>Each wrong code is counted by the device's aggregate, which locks the device after too many in a row. A device
 * locked in this issuer's read model is refused with the answer a wrong code gets, without its codes being checked; the
 * refused call's audit record says {@code "mfaDeviceLocked": true}. The read model may not know yet of a lock that
 * another issuer set: the aggregate, which every issuer loads from the shared event store, refuses a right code while
 * locked too, so the lock holds everywhere.
 */
public final class MfaVerifier {

    /** One step either way: a code typed just as it changes still counts. */
    private static final int WINDOW = 1;
    /** How far from the issuer's time two consecutive codes may be found when enabling or resynchronizing (10 minutes). */
    private static final int SYNC_WINDOW = 20;
    /** What a refused call's audit record adds (additionalEventData) when the device is locked. */
    private static final Map<String, Object> LOCKED = Map.of("mfaDeviceLocked", true);
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
     * @throws AwsServiceException AccessDenied otherwise
     */
    public void verify(AccountId account, String userName, String serialNumber, String code, Instant now) {
        MfaDeviceView device = device(account, serialNumber)
                .filter(d -> d.userName() != null && d.userName().equalsIgnoreCase(userName))
                .orElseThrow(IamErrors::invalidMfaCode);
        refuseWhileLocked(device, IamErrors::invalidMfaCode, now);
        String seed = seeds.secret(device.serialNumber()).orElseThrow(IamErrors::invalidMfaCode);
        OptionalLong step = Totp.matchingStep(seed, code, Totp.step(now) + device.driftSteps(), WINDOW);
        if (step.isEmpty()) {
            throw rejected(device, userName, IamErrors.invalidMfaCode(), now);
        }
        commands.sendAndWait(new UseMfaCode(device.ref(), userName, step.getAsLong(), now));
    }

    /**
     * Finds two consecutive codes of a device near the issuer's time (EnableMFADevice, ResyncMFADevice).
     *
     * @param userName the user the device is, or is to be, assigned to
     * @throws AwsServiceException InvalidAuthenticationCode when they are not consecutive codes of the device
     */
    public Sync consecutive(MfaDeviceView device, String userName, String code1, String code2, Instant now) {
        Supplier<AwsServiceException> incorrect = () -> IamErrors.invalidAuthenticationCode(device.serialNumber());
        refuseWhileLocked(device, incorrect, now);
        String seed = seeds.secret(device.serialNumber()).orElseThrow(incorrect);
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
        throw rejected(device, userName, incorrect.get(), now);
    }

    private static void refuseWhileLocked(MfaDeviceView device, Supplier<AwsServiceException> wrongCode, Instant now) {
        if (device.lockedAt(now)) {
            throw new RefusalWithEffects(wrongCode.get(), () -> LOCKED);
        }
    }

    /**
     * The answer to a wrong code, which the device's aggregate counts when the refusal is recorded (the refused call's
     * own changes are rolled back).
     */
    private RefusalWithEffects rejected(MfaDeviceView device, String userName, AwsServiceException wrongCode, Instant now) {
        return new RefusalWithEffects(wrongCode, () -> {
            boolean locked = commands.sendAndWait(new RejectMfaCode(device.ref(), userName, now));
            return locked ? LOCKED : null;
        });
    }
}
