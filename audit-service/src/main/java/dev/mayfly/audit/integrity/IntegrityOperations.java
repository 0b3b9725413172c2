package dev.mayfly.audit.integrity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.protocol.JsonOperation;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.audit.protocol.JsonTimestamps;
import dev.mayfly.contract.Json;
import java.time.Duration;
import java.time.Instant;

/**
 * The operations an auditor validates with: CloudTrail's ListPublicKeys (the key that signs digests, as X.509 DER) and
 * Mayfly's ListDigests (an account's digests over a time window, as stored).
 */
public final class IntegrityOperations {

    /** Digests are fetched this far past the window, for records that arrived late and went into a later digest. */
    static final Duration LATE_RECORDS = Duration.ofDays(1);

    private IntegrityOperations() {
    }

    public static JsonOperation listPublicKeys(DigestSigner signer, Instant validSince) {
        return new JsonOperation("ListPublicKeys", "cloudtrail:ListPublicKeys", (accountId, request) -> {
            ObjectNode response = Json.mapper().createObjectNode();
            response.putArray("PublicKeyList").addObject()
                    .put("Value", signer.publicKeyDer())
                    .put("ValidityStartTime", JsonTimestamps.write(validSince))
                    .put("Fingerprint", signer.fingerprint());
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
