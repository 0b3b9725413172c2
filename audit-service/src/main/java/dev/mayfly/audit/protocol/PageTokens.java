package dev.mayfly.audit.protocol;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * NextToken for searches sorted by (time, eventID): where the page ended, bound to the query it came from (a digest of
 * its filters), so that a token replayed against another query is refused rather than misread.
 */
public final class PageTokens {

    private PageTokens() {
    }

    public static String encode(List<FieldValue> sort, String fingerprint) {
        ObjectNode token = Json.mapper().createObjectNode();
        token.put("f", fingerprint);
        token.put("t", sort.get(0).longValue());
        token.put("id", sort.get(1).stringValue());
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.mapper().writeValueAsBytes(token));
        } catch (IOException e) {
            throw new IllegalStateException("a token always serializes", e);
        }
    }

    /** The search_after values of a token; InvalidNextTokenException when it is not one of this query's. */
    public static List<FieldValue> decode(String token, String fingerprint) {
        try {
            JsonNode decoded = Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (!fingerprint.equals(decoded.path("f").asText()) || !decoded.path("t").isNumber() || !decoded.path("id").isTextual()) {
                throw new IllegalArgumentException("mismatch");
            }
            return List.of(FieldValue.of(decoded.get("t").asLong()), FieldValue.of(decoded.get("id").asText()));
        } catch (IOException | IllegalArgumentException e) {
            throw new JsonProtocolException("InvalidNextTokenException", "Invalid NextToken.");
        }
    }
}
