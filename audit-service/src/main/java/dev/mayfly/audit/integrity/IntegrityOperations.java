package dev.mayfly.audit.integrity;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.protocol.JsonOperation;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.audit.protocol.JsonTimestamps;
import dev.mayfly.audit.protocol.PageTokens;
import dev.mayfly.contract.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The operations an auditor validates with: CloudTrail's ListPublicKeys (the keys that signed digests, as X.509 DER) and
 * Mayfly's ListDigests (an account's digests over a time window, as stored).
 */
public final class IntegrityOperations {

    /** Digests are fetched this far past the window, for records that arrived late and went into a later digest. */
    static final Duration LATE_RECORDS = Duration.ofDays(1);
    /** Digests a ListDigests answer holds at most: each part lists up to 10,000 records (about 1.5 MB). */
    static final int DIGESTS_PER_PAGE = 10;

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

    /**
     * Reads the account's audit data, so the LookupEvents permission allows it. Answered {@value #DIGESTS_PER_PAGE} digests
     * at a time with a NextToken, as ListRecords is: a window is the caller's to choose, years of a busy account's digests
     * held at once would take the service's memory from every tenant.
     */
    public static JsonOperation listDigests(DigestStore store) {
        return new JsonOperation("ListDigests", "cloudtrail:LookupEvents", (accountId, request) -> {
            Instant from = JsonTimestamps.optional(request.path("From"), "From");
            Instant to = JsonTimestamps.optional(request.path("To"), "To");
            if (from == null || to == null || from.isAfter(to)) {
                throw new JsonProtocolException("InvalidTimeRangeException", "From and To are required, From before To.");
            }
            String fingerprint = from + "/" + to;
            List<FieldValue> after = request.path("NextToken").isTextual() ? position(PageTokens.decode(request.get("NextToken").asText(),
                    fingerprint)) : null;
            // not past year 9999, which the store cannot read as a date (a To on its last day would fail the search)
            Instant until = to.plus(LATE_RECORDS).isAfter(JsonTimestamps.LATEST) ? JsonTimestamps.LATEST : to.plus(LATE_RECORDS);
            DigestStore.Page page = store.page(accountId, from, until, after, DIGESTS_PER_PAGE);
            ObjectNode response = Json.mapper().createObjectNode();
            response.putArray("Digests").addAll(page.digests());
            if (page.last() != null) {
                // a token holds its sort values as (number, text): the part goes as text
                response.put("NextToken", PageTokens.encode(List.of(page.last().get(0), FieldValue.of(Long.toString(page.last().get(1).longValue()))),
                        fingerprint));
            }
            return response;
        });
    }

    /** Where a page of digests ended, from a token's (period start, part as text); a part that is no number is no token of ours. */
    private static List<FieldValue> position(List<FieldValue> token) {
        try {
            return List.of(token.get(0), FieldValue.of(Integer.parseInt(token.get(1).stringValue())));
        } catch (NumberFormatException e) {
            throw new JsonProtocolException("InvalidNextTokenException", "Invalid NextToken.");
        }
    }
}
