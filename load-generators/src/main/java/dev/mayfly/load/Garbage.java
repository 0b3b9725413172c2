package dev.mayfly.load;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The values ./mayfly bench fuzz puts where a service expects something sensible: text with NULs, control characters
 * and odd Unicode, bytes that are not UTF-8, numbers out of every range, JSON of the wrong type or nested past any
 * parser's limit. Each draws only from the {@link Random} it is given, so that a seed replays a run.
 */
final class Garbage {

    /** Bytes that are not UTF-8 once percent-decoded: lone continuation bytes, overlong forms, surrogates, truncations. */
    private static final List<String> INVALID_UTF8 = List.of("%FF%FE", "%C0%80", "%ED%A0%80", "%E2%82", "%80", "%F8%88%80%80%80", "%00");
    private static final List<String> SPECIAL = List.of("", " ", "\u0000", "null", "undefined", "true", "-1", "0", "9223372036854775808",
            "1e309", "NaN", "-0", "0x7fffffff", "%s%n%x", "../../../../etc/passwd", "..%2F..%2F", "'; DROP TABLE events;--", "\"}]}",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "\u001b[31m", "\r\nX-Injected: 1", "\u202e\u0301\uFEFF",
            "\uD83D\uDE00", "arn:aws:iam::000000000000:role/../../x", "*", "\\", "%", "%%", "+", "&=&=");

    private final Random random;

    Garbage(Random random) {
        this.random = random;
    }

    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Text a service may receive decoded: special values, random characters of any plane, now and then very long. */
    String text() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(SPECIAL);
            case 1 -> pick(SPECIAL) + characters(between(1, 20)) + pick(SPECIAL);
            case 2 -> characters(between(0, 40));
            case 3 -> "x".repeat(between(1, 3) * 1024 * (oneIn(10) ? 64 : 1));
            case 4 -> Long.toString(random.nextLong());
            default -> ascii(between(1, 64));
        };
    }

    /** Characters from everywhere: controls, ASCII, Latin, CJK, and now and then a lone surrogate. */
    private String characters(int count) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append(switch (random.nextInt(5)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) between(0x20, 0x7e);
                case 2 -> (char) between(0xa0, 0x2fff);
                case 3 -> (char) between(0xd800, 0xdfff);
                default -> (char) between(0x4e00, 0x9fff);
            });
        }
        return text.toString();
    }

    String ascii(int count) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append((char) between(0x21, 0x7e));
        }
        return text.toString();
    }

    /** A form or query value as it travels: percent-encoded text, or sequences that decode to bytes that are not UTF-8. */
    String encoded() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(INVALID_UTF8) + URLEncoder.encode(text(), StandardCharsets.UTF_8) + pick(INVALID_UTF8);
            case 1 -> pick(List.of("%", "%G1", "%2", "a%zz", "%%00"));
            default -> URLEncoder.encode(text(), StandardCharsets.UTF_8);
        };
    }

    /** Bytes of no format at all. */
    byte[] bytes(int max) {
        byte[] bytes = new byte[between(0, max)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Any JSON value, often not of the type asked for, sometimes nested far deeper than any parser allows. */
    String json(int depth) {
        return switch (random.nextInt(depth <= 0 ? 5 : 9)) {
            case 0 -> "null";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> pick(List.of("true", "false", "1e999", "-0.0", "123456789012345678901234567890"));
            case 3 -> quoted(text());
            case 4 -> deep();
            case 5, 6 -> object(depth - 1);
            default -> "[" + json(depth - 1) + "," + json(depth - 1) + "]";
        };
    }

    /** An object whose names are the ones given, or garbage, each with a value of any type. */
    String object(int depth, String... names) {
        StringBuilder object = new StringBuilder("{");
        int count = names.length > 0 ? names.length : between(0, 4);
        for (int i = 0; i < count; i++) {
            object.append(i == 0 ? "" : ",").append(quoted(names.length > 0 && !oneIn(8) ? names[i] : text())).append(':').append(json(depth));
        }
        return object.append('}').toString();
    }

    /** Arrays or objects nested from a few levels to tens of thousands, now and then left unclosed. */
    String deep() {
        int levels = pick(List.of(10, 100, 1_001, 5_000, 50_000));
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = oneIn(4) ? "" : arrays ? "]" : "}";
        return open.repeat(levels) + "1" + close.repeat(levels);
    }

    /** Text as a JSON string, escaped so that the JSON stays well-formed around it (JSON allows lone surrogates escaped). */
    static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
