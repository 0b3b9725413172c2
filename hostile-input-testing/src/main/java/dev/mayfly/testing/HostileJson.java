package dev.mayfly.testing;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** JSON a network caller can send a parser, and the pieces to write more of it. */
public final class HostileJson {

    /** Literals no well-behaved client sends where a parser expects them: huge and odd numbers, escapes it must decode. */
    private static final List<String> LITERALS = List.of("true", "false", "null", "0", "-0", "1e999999999", "-1E-999999999",
            "123456789012345678901234567890", "1.5", "900", "43200", "2147483648", "\"\\u0000\"", "\"\\uD800\"", "\"\\\"\"");

    private HostileJson() {
    }

    /**
     * Any JSON value up to a depth: objects with the parser's member names and others, repeated keys, huge and odd
     * numbers, escapes and unicode, and strings holding the given texts (those the parser reads in its values).
     */
    public static Arbitrary<String> values(int depth, List<String> members, Arbitrary<String> texts) {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(16).map(HostileJson::quote),
                texts.map(HostileJson::quote), Arbitraries.of(LITERALS));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = values(depth - 1, members, texts);
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(members), Arbitraries.strings().all().ofMaxLength(8)).map(HostileJson::quote);
        return Arbitraries.oneOf(scalar, inner.list().ofMaxSize(4).map(HostileJson::array),
                Combinators.combine(key, inner).as((k, v) -> k + ":" + v).list().ofMaxSize(5).map(HostileJson::object));
    }

    /**
     * Arrays and objects (whose one member is named so) nested past any sensible depth, up to the most levels given,
     * closed or not.
     */
    public static Arbitrary<String> deeplyNested(String member, int mostLevels) {
        String object = "{" + quote(member) + ":";
        return Combinators.combine(Arbitraries.integers().between(100, mostLevels), Arbitraries.of("[", object, object + "["),
                        Arbitraries.of(true, false))
                .as((levels, opening, closed) -> {
                    String closing = opening.equals("[") ? "]" : opening.equals(object) ? "}" : "]}";
                    return opening.repeat(levels) + "1" + (closed ? closing.repeat(levels) : "");
                });
    }

    /** The text as a JSON string literal. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c == '"' || c == '\\' || c < 0x20 ? "\\u%04x".formatted(c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }

    /** The values, JSON already, as a JSON array. */
    public static String array(List<String> values) {
        return "[" + String.join(",", values) + "]";
    }

    /** The members, each "name":value already, as a JSON object. */
    public static String object(List<String> members) {
        return "{" + String.join(",", members) + "}";
    }
}
