package dev.mayfly.issuer.analyzer;

import dev.mayfly.issuer.api.AccessAnalyzerErrors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list, as Access Analyzer pages them: at most maxResults items from where nextToken says, and a token for
 * the rest when there is more. The token is opaque to callers: the offset it resumes at.
 */
record Page<T>(List<T> items, String nextToken) {

    private static final String PREFIX = "mayfly-page:";

    static <T> Page<T> of(List<T> all, String token, Integer maxResults, int defaultMax) {
        int max = maxResults == null ? defaultMax : maxResults;
        if (max < 1 || max > 1000) {
            throw RequestFields.invalid("maxResults", "Member must be between 1 and 1000");
        }
        int from = offset(token);
        if (from > all.size()) {
            throw AccessAnalyzerErrors.validation("Invalid nextToken.");
        }
        int to = Math.min(all.size(), from + max);
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? encode(to) : null);
    }

    private static int offset(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                int offset = Integer.parseInt(decoded.substring(PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // below: any token this service did not write
        }
        throw AccessAnalyzerErrors.validation("Invalid nextToken.");
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }
}
