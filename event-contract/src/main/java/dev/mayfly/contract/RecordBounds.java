package dev.mayfly.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an API-call record may hold, whoever made it and whatever the caller sent. A record is written into indices
 * that every tenant's trail shares; one that a sink refuses, or that fills it, blinds the trail for everyone, so every
 * text is plain text of bounded length and the free-form parameters are bounded in names, count, depth and size.
 *
 * <p>{@link ApiCallRecorded}'s constructor applies these bounds, so no producer can make an unbounded record and a
 * record read back from Kafka is bounded again on the way in. Bounding is idempotent: a bounded record bounds to
 * itself, and what was set aside is counted in the record's additionalEventData rather than lost silently.
 */
public final class RecordBounds {

    /** The longest parameter name kept; longer ones are not names an API documents. */
    static final int MAX_NAME_CHARS = 64;
    /** The longest parameter value kept: room for the largest IAM policy document (10,240 characters). */
    static final int MAX_VALUE_CHARS = 10_240;
    /** Members kept per object and elements per array: more than any action's documented parameters. */
    static final int MAX_MEMBERS = 100;
    /** Nesting kept below requestParameters or responseElements (tags are two deep; Elasticsearch's limit is ten). */
    static final int MAX_DEPTH = 5;
    /** Characters of names and values in all of a record's parameters; a larger record keeps none of them. */
    static final int MAX_TOTAL_CHARS = 64 * 1024;
    /** Identity fields, ARNs and error messages: an ARN is at most 2,048 characters. */
    public static final int MAX_FIELD_CHARS = 2_048;
    /** Names, codes, ids, regions and addresses. */
    public static final int MAX_TOKEN_CHARS = 256;

    /** additionalEventData's keys for what bounding set aside. */
    public static final String DROPPED_NAMES = "droppedParameterNames";
    public static final String DROPPED_MEMBERS = "droppedParameterMembers";
    public static final String TRUNCATED_VALUES = "truncatedParameterValues";
    public static final String OMITTED = "parametersOmitted";

    private static final char REPLACEMENT = '\uFFFD';

    private RecordBounds() {
    }

    /**
     * Text as a record holds it: control characters (but tab, line feed and carriage return) and lone surrogates
     * replaced by U+FFFD, cut at {@code max} characters without splitting a surrogate pair; null stays null.
     */
    public static String text(String value, int max) {
        if (value == null) {
            return null;
        }
        int end = value.length() <= max ? value.length()
                : Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        int first = firstUnfit(value, end);
        if (first == end && end == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(end).append(value, 0, first);
        for (int i = first; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else {
                out.append(fits(c) ? c : REPLACEMENT);
            }
        }
        return out.toString();
    }

    private static int firstUnfit(String value, int end) {
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (!fits(c)) {
                return i;
            }
        }
        return end;
    }

    private static boolean fits(char c) {
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        return !(c >= 0x7f && c <= 0x9f) && !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
    }

    /** A name fit for a record: an ASCII letter or underscore, then letters, digits, '_', '-' or '.'. */
    static boolean plainName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            boolean other = c >= '0' && c <= '9' || c == '-' || c == '.';
            if (!(letter || i > 0 && other)) {
                return false;
            }
        }
        return true;
    }

    /** Free-form parameters, bounded, with a tally of what was set aside; the same map when nothing was. */
    static Bounded parameters(Map<String, Object> parameters) {
        if (parameters == null) {
            return new Bounded(null, new Tally());
        }
        Tally tally = new Tally();
        Object bounded = value(parameters, 0, tally);
        if (tally.chars > MAX_TOTAL_CHARS) {
            tally.omitted = true;
            return new Bounded(null, tally);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) bounded;
        return new Bounded(map, tally);
    }

    private static Object value(Object value, int depth, Tally tally) {
        if (value instanceof String text) {
            String bounded = text(text, MAX_VALUE_CHARS);
            if (bounded.length() < text.length()) {
                tally.truncated++;
            }
            tally.chars += bounded.length();
            return bounded;
        }
        if (value instanceof Map<?, ?> map) {
            return map(map, depth, tally);
        }
        if (value instanceof List<?> list) {
            return list(list, depth, tally);
        }
        return value;   // numbers, booleans and null, as they are
    }

    private static Object map(Map<?, ?> map, int depth, Tally tally) {
        if (depth >= MAX_DEPTH) {
            tally.droppedMembers += map.size();
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        boolean same = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name) || !plainName(name)) {
                tally.droppedNames++;
                same = false;
                continue;
            }
            if (out.size() == MAX_MEMBERS) {
                tally.droppedMembers++;
                same = false;
                continue;
            }
            Object bounded = value(entry.getValue(), depth + 1, tally);
            same &= bounded == entry.getValue();
            tally.chars += name.length();
            out.put(name, bounded);
        }
        return same ? map : out;
    }

    private static Object list(List<?> list, int depth, Tally tally) {
        if (depth >= MAX_DEPTH) {
            tally.droppedMembers += list.size();
            return List.of();
        }
        List<Object> out = new ArrayList<>(Math.min(list.size(), MAX_MEMBERS));
        boolean same = list.size() <= MAX_MEMBERS;
        for (Object element : list) {
            if (out.size() == MAX_MEMBERS) {
                tally.droppedMembers++;
                continue;
            }
            Object bounded = value(element, depth + 1, tally);
            same &= bounded == element;
            out.add(bounded);
        }
        return same ? list : out;
    }

    /** What bounding set aside, as additionalEventData records it: added to what an earlier bounding recorded. */
    static Map<String, Object> noted(Map<String, Object> additionalEventData, Tally... tallies) {
        Tally total = new Tally();
        for (Tally tally : tallies) {
            total.droppedNames += tally.droppedNames;
            total.droppedMembers += tally.droppedMembers;
            total.truncated += tally.truncated;
            total.omitted |= tally.omitted;
        }
        if (total.droppedNames == 0 && total.droppedMembers == 0 && total.truncated == 0 && !total.omitted) {
            return additionalEventData;
        }
        Map<String, Object> out = new LinkedHashMap<>(additionalEventData == null ? Map.of() : additionalEventData);
        add(out, DROPPED_NAMES, total.droppedNames);
        add(out, DROPPED_MEMBERS, total.droppedMembers);
        add(out, TRUNCATED_VALUES, total.truncated);
        if (total.omitted) {
            out.put(OMITTED, true);
        }
        return out;
    }

    private static void add(Map<String, Object> data, String key, int count) {
        if (count > 0) {
            data.merge(key, count, (a, b) -> ((Number) a).intValue() + ((Number) b).intValue());
        }
    }

    /** Bounded parameters and what bounding them set aside. */
    record Bounded(Map<String, Object> parameters, Tally tally) {
    }

    /** Counts of what was set aside while bounding one map. */
    static final class Tally {
        int droppedNames;
        int droppedMembers;
        int truncated;
        boolean omitted;
        long chars;
    }
}
