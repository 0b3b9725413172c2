package dev.mayfly.load;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Pattern;

/**
 * What ./mayfly bench fuzz saw: answers counted by endpoint and status class, and findings (a 5xx, a stack trace or a Java
 * exception's name in a body, no answer in time, a valid call refused), each printed as it is found, the first ones in
 * full. Safe to use from every sending thread.
 */
public final class FuzzTally {

    /** Status classes, and a column for requests answered by nothing but a closed connection (the server's refusal of some garbage). */
    static final String[] CLASSES = {"2xx", "3xx", "4xx", "5xx", "closed"};
    static final int CLOSED = 4;
    /**
     * What only a leak looks like: a stack frame, or the name of a Java package or of an exception the JDK or a library
     * throws. AWS's own error codes end in Exception too (ExpiredTokenException), so the name alone is not enough.
     */
    private static final Pattern LEAK = Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|\\b(java|javax|jdk|sun|com\\.fasterxml|dev\\.mayfly)\\.[a-z]"
            + "|\\b(NullPointer|IllegalArgument|IllegalState|IndexOutOfBounds|ArrayIndexOutOfBounds|StringIndexOutOfBounds|NumberFormat"
            + "|ClassCast|UnsupportedOperation|Arithmetic|NoSuchElement|ConcurrentModification|UncheckedIO|IO|Json(Processing|Parse|Mapping)"
            + "|StreamConstraints|Runtime|DateTimeParse|Parser(Configuration)?|SAXParse|Socket|Timeout|Execution|Completion)Exception\\b"
            + "|\\b(StackOverflow|OutOfMemory)Error\\b");
    private static final int PRINTED_IN_FULL = 50;
    private static final int EXCERPT = 300;

    private final Map<String, AtomicLongArray> byEndpoint = new ConcurrentHashMap<>();
    private final AtomicLongArray byClass = new AtomicLongArray(CLASSES.length);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong findings = new AtomicLong();
    /** 4xx answers that were the per-source limit of unauthenticated refusals, not the request's own refusal. */
    private final AtomicLong throttled = new AtomicLong();
    private final Map<String, AtomicLong> findingsByKind = new ConcurrentHashMap<>();
    private final PrintStream out;

    FuzzTally(PrintStream out) {
        this.out = out;
    }

    /** Whether a body shows the service's insides: a stack trace, or a Java exception's or package's name. */
    public static boolean leaks(String body) {
        return LEAK.matcher(body).find();
    }

    /** Counts an answer, and reports what in it is a finding. */
    void answered(long index, String endpoint, String request, KeepAliveHttp.Reply reply) {
        int statusClass = Math.min(Math.max(reply.status() / 100 - 2, 0), 3);
        count(endpoint, statusClass);
        if (reply.status() == 400 && reply.body().contains("Throttling")) {
            throttled.incrementAndGet();
        }
        if (reply.status() >= 500) {
            finding(index, "HTTP " + reply.status(), endpoint, request, reply.body());
        }
        if (leaks(reply.body())) {
            finding(index, "stack trace or exception name in the body", endpoint, request, reply.body());
        }
    }

    /** Counts a request the server answered only by closing the connection. */
    void closed(String endpoint) {
        count(endpoint, CLOSED);
    }

    private void count(String endpoint, int statusClass) {
        sent.incrementAndGet();
        byClass.incrementAndGet(statusClass);
        byEndpoint.computeIfAbsent(endpoint, e -> new AtomicLongArray(CLASSES.length)).incrementAndGet(statusClass);
    }

    /** A finding: counted by kind, and printed in full while there are few. */
    void finding(long index, String kind, String endpoint, String request, String detail) {
        long number = findings.incrementAndGet();
        findingsByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        if (number <= PRINTED_IN_FULL) {
            out.printf("FINDING %d (request #%d, %s): %s%n  request: %s%n  answer: %s%n", number, index, endpoint, kind, excerpt(request),
                    excerpt(detail));
        } else if (number == PRINTED_IN_FULL + 1) {
            out.println("(further findings are only counted)");
        }
    }

    /** Printable and short: control characters shown as escapes, long text cut. */
    static String excerpt(String text) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && shown.length() < EXCERPT; i++) {
            char c = text.charAt(i);
            shown.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return text.length() > EXCERPT ? shown + "... (" + text.length() + " chars)" : shown.toString();
    }

    long sent() {
        return sent.get();
    }

    long findings() {
        return findings.get();
    }

    /** One line: sent, answers by class, findings. */
    String progress() {
        StringBuilder line = new StringBuilder("sent ").append(sent.get());
        for (int i = 0; i < CLASSES.length; i++) {
            line.append(", ").append(CLASSES[i]).append(' ').append(byClass.get(i));
        }
        return line.append(", findings ").append(findings.get()).toString();
    }

    /** A table of answers by endpoint and class, then the findings by kind. */
    void printSummary() {
        out.printf("%-42s %9s", "endpoint", "requests");
        for (String statusClass : CLASSES) {
            out.printf(" %8s", statusClass);
        }
        out.println();
        new TreeMap<>(byEndpoint).forEach((endpoint, counts) -> {
            long total = 0;
            for (int i = 0; i < CLASSES.length; i++) {
                total += counts.get(i);
            }
            out.printf("%-42s %9d", endpoint, total);
            for (int i = 0; i < CLASSES.length; i++) {
                out.printf(" %8d", counts.get(i));
            }
            out.println();
        });
        out.println("of the 4xx, Throttling (the per-source limit of unauthenticated refusals): " + throttled.get());
        out.println("findings: " + (findings.get() == 0 ? "none" : findings.get() + " " + new TreeMap<>(findingsByKind)));
    }
}
