package dev.mayfly.sigv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP request headers, names folded to lower case (HTTP names are case-insensitive), values in arrival order. */
public final class RequestHeaders {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    public RequestHeaders add(String name, String value) {
        values.computeIfAbsent(lowerCase(name), k -> new ArrayList<>()).add(value);
        return this;
    }

    /** Every value of a header, in arrival order; empty when absent. */
    public List<String> all(String name) {
        return Collections.unmodifiableList(values.getOrDefault(lowerCase(name), List.of()));
    }

    /** The first value of a header, or null. */
    public String first(String name) {
        List<String> list = values.get(lowerCase(name));
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    /** The header names present, lower case, in arrival order. */
    public java.util.Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * The text as toLowerCase(Locale.ROOT) makes it, without its per-character table lookups when there is nothing to
     * lower (names in lower case already: the signed headers' names, the names the verifier asks for).
     */
    static String lowerCase(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 0x80) {
                return text.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return text;
    }
}
