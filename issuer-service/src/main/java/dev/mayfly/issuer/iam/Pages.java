package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.runtime.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * IAM's pagination: MaxItems (1-1000, default 100) and an opaque Marker; answers carry IsTruncated and, when
 * truncated, the Marker of the next page.
 */
public record Pages<T>(List<T> items, boolean truncated, String nextMarker) {

    public static <T> Pages<T> of(List<T> all, QueryParameters parameters) {
        int maxItems = parameters.optionalInt("MaxItems", "maxItems", 100);
        if (maxItems < 1 || maxItems > 1000) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + maxItems
                    + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
        }
        int from = offset(parameters.optional("Marker", "marker", 1, 320, null));
        int to = (int) Math.min(all.size(), (long) from + maxItems); // a marker near Integer.MAX_VALUE must not overflow
        boolean truncated = to < all.size();
        return new Pages<>(from >= all.size() ? List.of() : all.subList(from, to), truncated, truncated ? marker(to) : null);
    }

    /**
     * This page ended after {@code kept}, its first items (as the answer holds them), as IAM may end a page before
     * MaxItems when the items are large: truncated, and the next page starts after them.
     */
    public <U> Pages<U> endedAfter(List<U> kept, QueryParameters parameters) {
        if (kept.size() >= items.size()) {
            return new Pages<>(kept, truncated, nextMarker);
        }
        int next = offset(parameters.optional("Marker", "marker", 1, 320, null)) + kept.size();
        return new Pages<>(kept, true, marker(next));
    }

    private static String marker(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String marker) {
        if (marker == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8));
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw AwsServiceException.validation("Invalid Marker.");
        }
    }

    /** Writes {@code <list><member>...</member></list><IsTruncated/><Marker/>}. */
    public void write(XmlWriter xml, String list, BiConsumer<XmlWriter, T> member) {
        xml.start(list);
        for (T item : items) {
            xml.start("member");
            member.accept(xml, item);
            xml.end();
        }
        xml.end().element("IsTruncated", truncated).element("Marker", nextMarker);
    }
}
