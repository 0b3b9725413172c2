package dev.mayfly.policy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Global condition keys whose values come from the request's transport and time, and from how its session was proven. */
public final class GlobalConditionKeys {

    private GlobalConditionKeys() {
    }

    private static final List<String> TRUE = List.of("true");
    private static final List<String> FALSE = List.of("false");

    /** aws:CurrentTime and aws:EpochTime of one second. */
    private record Second(long epochSecond, List<String> currentTime, List<String> epochTime) {

        static Second of(long epochSecond) {
            return new Second(epochSecond, List.of(Instant.ofEpochSecond(epochSecond).toString()), List.of(Long.toString(epochSecond)));
        }
    }

    /** The latest second asked for: the requests of one second share its values, formatted once rather than per request. */
    private static volatile Second latest = Second.of(0);

    /**
     * The keys every request carries, whoever makes it: time, source address, transport. A mutable map, to add to (sized
     * for the principal's and the session's keys that callers add).
     */
    public static Map<String, List<String>> transport(String sourceIp, boolean secureTransport, Instant now) {
        Map<String, List<String>> keys = HashMap.newHashMap(16);
        // to the second, as AWS gives it: the value then repeats within its second, and its parse is cached
        Second second = latest;
        if (second.epochSecond() != now.getEpochSecond()) {
            second = Second.of(now.getEpochSecond());
            latest = second;
        }
        keys.put("aws:CurrentTime", second.currentTime());
        keys.put("aws:EpochTime", second.epochTime());
        keys.put("aws:SourceIp", List.of(sourceIp));
        keys.put("aws:SecureTransport", secureTransport ? TRUE : FALSE);
        return keys;
    }

    /** The keys of temporary credentials: aws:TokenIssueTime ({@link #tokenIssueTime}) and the MFA keys ({@link #mfa}). */
    public static Map<String, List<String>> session(Instant issuedAt, Instant mfaAuthenticatedAt, Instant now) {
        Map<String, List<String>> keys = new HashMap<>(mfa(mfaAuthenticatedAt, now));
        keys.putAll(tokenIssueTime(issuedAt));
        return keys;
    }

    /** aws:TokenIssueTime, which does not change over a session's life (the MFA keys' age does). */
    public static Map<String, List<String>> tokenIssueTime(Instant issuedAt) {
        return Map.of("aws:TokenIssueTime", List.of(issuedAt.toString()));
    }

    /**
     * The MFA keys of temporary credentials: aws:MultiFactorAuthPresent, and aws:MultiFactorAuthAge (seconds since) when
     * MFA was proven. Long-term credentials carry neither.
     *
     * @param mfaAuthenticatedAt when MFA was proven for the session, or null
     */
    public static Map<String, List<String>> mfa(Instant mfaAuthenticatedAt, Instant now) {
        if (mfaAuthenticatedAt == null) {
            return Map.of("aws:MultiFactorAuthPresent", FALSE);
        }
        return Map.of("aws:MultiFactorAuthPresent", TRUE,
                "aws:MultiFactorAuthAge", List.of(Long.toString(Math.max(0, now.getEpochSecond() - mfaAuthenticatedAt.getEpochSecond()))));
    }
}
