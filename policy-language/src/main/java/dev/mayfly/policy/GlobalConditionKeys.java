package dev.mayfly.policy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Global condition keys whose values come from the request's transport and time, and from how its session was proven. */
public final class GlobalConditionKeys {

    private GlobalConditionKeys() {
    }

    /** The keys every request carries, whoever makes it: time, source address, transport. A mutable map, to add to. */
    public static Map<String, List<String>> transport(String sourceIp, boolean secureTransport, Instant now) {
        Map<String, List<String>> keys = new HashMap<>();
        // to the second, as AWS gives it: the value then repeats within its second, and its parse is cached
        keys.put("aws:CurrentTime", List.of(now.truncatedTo(ChronoUnit.SECONDS).toString()));
        keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:SourceIp", List.of(sourceIp));
        keys.put("aws:SecureTransport", List.of(Boolean.toString(secureTransport)));
        return keys;
    }

    /** The keys of temporary credentials: aws:TokenIssueTime and the MFA keys ({@link #mfa}). */
    public static Map<String, List<String>> session(Instant issuedAt, Instant mfaAuthenticatedAt, Instant now) {
        Map<String, List<String>> keys = new HashMap<>(mfa(mfaAuthenticatedAt, now));
        keys.put("aws:TokenIssueTime", List.of(issuedAt.toString()));
        return keys;
    }

    /**
     * The MFA keys of temporary credentials: aws:MultiFactorAuthPresent, and aws:MultiFactorAuthAge (seconds since) when
     * MFA was proven. Long-term credentials carry neither.
     *
     * @param mfaAuthenticatedAt when MFA was proven for the session, or null
     */
    public static Map<String, List<String>> mfa(Instant mfaAuthenticatedAt, Instant now) {
        if (mfaAuthenticatedAt == null) {
            return Map.of("aws:MultiFactorAuthPresent", List.of("false"));
        }
        return Map.of("aws:MultiFactorAuthPresent", List.of("true"),
                "aws:MultiFactorAuthAge", List.of(Long.toString(Math.max(0, now.getEpochSecond() - mfaAuthenticatedAt.getEpochSecond()))));
    }
}
