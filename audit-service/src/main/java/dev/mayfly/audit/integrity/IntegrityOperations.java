package dev.mayfly.audit.integrity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.protocol.JsonOperation;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.audit.protocol.JsonTimestamps;
import dev.mayfly.contract.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The operations an auditor validates with: CloudTrail's ListPublicKeys (the keys that signed digests, as X.509 DER) and
 * Mayfly's ListDigests (an account's digests over a time window, as stored).
 */
public final class IntegrityOperations {

    /** Digests are fetched this far past the window, for records that arrived late and went into a later digest. */
    static final Duration LATE_RECORDS = Duration.ofDays(1);

    private IntegrityOperations() {
    }

    /**
     * Every key that signed digests from StartTime to EndTime, as CloudTrail answers it; either time defaults to now, so
     * that a request without them gets the current key.
     */
    public static JsonOperation listPublicKeys(SigningKeyHistory history, Clock clock) {
        return listPublicKeys(() -> history, clock);
    }

    /** As {@link #listPublicKeys(SigningKeyHistory, Clock)}, with the history as it is at each call (a ring rotates). */
    public static JsonOperation listPublicKeys(Supplier<SigningKeyHistory> history, Clock clock) {
        return new JsonOperation("ListPublicKeys", "cloudtrail:ListPublicKeys", (accountId, request) -> {
            Instant now = clock.instant();
            Instant start = Objects.requireNonNullElse(JsonTimestamps.optional(request.path("StartTime"), "StartTime"), now);
            Instant end = Objects.requireNonNullElse(JsonTimestamps.optional(request.path("EndTime"), "EndTime"), now);
            if (start.isAfter(end)) {
                throw new JsonProtocolException("InvalidTimeRangeException", "StartTime must not be after EndTime.");
            }
            ObjectNode response = Json.mapper().createObjectNode();
            ArrayNode keys = response.putArray("PublicKeyList");
            for (SigningKeyHistory.SigningKey key : history.get().signingWithin(start, end)) {
                ObjectNode entry = keys.addObject()
                        .put("Value", key.publicKeyDer())
                        .put("ValidityStartTime", JsonTimestamps.write(key.validFrom()));
                if (key.validUntil() != null) {
                    entry.put("ValidityEndTime", JsonTimestamps.write(key.validUntil()));
                }
                entry.put("Fingerprint", key.fingerprint());
            }
            return response;
        });
    }

    /** Reads the account's audit data, so the LookupEvents permission allows it. */
    public static JsonOperation listDigests(DigestStore store) {
        return new JsonOperation("ListDigests", "cloudtrail:LookupEvents", (accountId, request) -> {
            Instant from = JsonTimestamps.optional(request.path("From"), "From");
            Instant to = JsonTimestamps.optional(request.path("To"), "To");
            if (from == null || to == null || from.isAfter(to)) {
                throw new JsonProtocolException("InvalidTimeRangeException", "From and To are required, From before To.");
            }
            ObjectNode response = Json.mapper().createObjectNode();
            response.putArray("Digests").addAll(store.digests(accountId, from, to.plus(LATE_RECORDS)));
            return response;
        });
    }
}
