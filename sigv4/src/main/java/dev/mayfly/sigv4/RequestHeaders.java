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
        values.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(value);
        return this;
    }

    /** Every value of a header, in arrival order; empty when absent. */
    public List<String> all(String name) {
        return Collections.unmodifiableList(values.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of()));
    }

    /** The first value of a header, or null. */
    public String first(String name) {
        List<String> list = values.get(name.toLowerCase(java.util.Locale.ROOT));
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    /** The header names present, lower case, in arrival order. */
    public java.util.Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }
}
