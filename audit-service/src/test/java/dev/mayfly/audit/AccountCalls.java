package dev.mayfly.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.integrity.DigestStore;
import dev.mayfly.audit.projection.CloudTrailRecord;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Calls of one account of its own, as a producer records them on mayfly.events, and the CloudTrail records the audit
 * service makes of them: what validation checks the digests against.
 */
public final class AccountCalls {

    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    private final List<ApiCallRecorded> made = new ArrayList<>();

    public String account() {
        return account;
    }

    /** A new call, made now. */
    public synchronized ApiCallRecorded next() {
        ApiCallRecorded call = new ApiCallRecorded(UUID.randomUUID().toString(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "192.0.2.1", "test", "req-" + made.size(),
                new UserIdentity("Root", account, "arn:aws:iam::" + account + ":root", account, "AKIA", null, null),
                Map.of(), Map.of(), null, null, List.of(), true, account);
        made.add(call);
        return call;
    }

    /** The CloudTrail records of every call made so far. */
    public synchronized List<Map<String, Object>> records() {
        return made.stream().flatMap(call -> CloudTrailRecord.of(call).stream()).toList();
    }

    /** The eventIDs of every call made so far. */
    public synchronized List<String> eventIds() {
        return made.stream().map(ApiCallRecorded::eventId).toList();
    }

    /**
     * The account's digests once every call made so far is listed and the chain reaches past {@code to}: what a
     * digester sealed of them, within a minute.
     */
    public List<JsonNode> awaitDigested(DigestStore store, Instant from, Instant to) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            store.refresh();
            List<JsonNode> stored = store.digests(account, from, to.plusSeconds(30));
            Set<String> listed = new HashSet<>();
            stored.forEach(digest -> digest.path("records").forEach(record -> listed.add(record.path("eventID").asText())));
            if (listed.containsAll(eventIds()) && !stored.isEmpty()
                    && Instant.parse(stored.getLast().path("periodEnd").asText()).isAfter(to)) {
                return stored;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never all digested: " + listed.size() + " of " + eventIds().size() + " listed");
            }
            Thread.sleep(200);
        }
    }
}
