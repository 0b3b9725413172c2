package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.runtime.AwsServiceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What a network caller can send the issuer's parsers, shared by their property suites; and the one outcome a parse
 * may have besides a value: an AwsServiceException that the endpoint answers with a 4xx.
 */
public final class HostileInput {

    /** A guard against a hang, not a performance bound: a parse that takes this long never ends. */
    private static final Duration HANG = Duration.ofSeconds(10);
    /** One thread for every try (a new one per try costs more than most parses), that can run as deep as a server's. */
    private static final ExecutorService PARSER = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("hostile-input").factory());

    /** Pieces that break naive splitting and decoding: separators, bad and partial escapes, NUL, lone surrogates. */
    private static final List<String> FRAGMENTS = List.of("&", "=", ".", "+", " ", "\t", "\r\n", "%", "%2", "%zz", "%00", "%25",
            "%C3", "%FF", "%C3%28", "%E2%82", "%F0%9F%98", "%ED%A0%80", "\u0000", "\uD800", "\uDFFF", "é", "𝄞", "Action=",
            ".member.", "1", "0", "-1", "2147483648", "99999999999999999999", "\"", "{", "}", "[", "]", ":", ",", "/");

    private HostileInput() {
    }

    /** Arbitrary text, and text built from the fragments that break parsers. */
    public static Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(64),
                Arbitraries.of(FRAGMENTS).list().ofMaxSize(24).map(pieces -> String.join("", pieces)));
    }

    /** Any JSON value up to a depth: objects with repeated keys, huge and odd numbers, escapes and unicode. */
    public static Arbitrary<String> json(int depth, List<String> keys) {
        Arbitrary<String> scalar = Arbitraries.oneOf(quoted(Arbitraries.strings().all().ofMaxLength(16)), quoted(text()),
                Arbitraries.of("true", "false", "null", "0", "-0", "1e999999999", "-1E-999999999", "123456789012345678901234567890",
                        "1.5", "900", "43200", "2147483648", "\"\\u0000\"", "\"\\uD800\"", "\"\\\"\""));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = json(depth - 1, keys);
        Arbitrary<String> key = Arbitraries.oneOf(quoted(Arbitraries.of(keys)), quoted(Arbitraries.strings().all().ofMaxLength(8)));
        return Arbitraries.oneOf(scalar, inner.list().ofMaxSize(4).map(HostileInput::array),
                Combinators.combine(key, inner).as((k, v) -> k + ":" + v).list().ofMaxSize(5).map(HostileInput::object));
    }

    /** Arrays and objects nested past any sensible depth, closed or not. */
    public static Arbitrary<String> deeplyNested() {
        return Combinators.combine(Arbitraries.integers().between(100, 3_000), Arbitraries.of("[", "{\"a\":", "{\"a\":["),
                        Arbitraries.of(true, false))
                .as((levels, opening, closed) -> {
                    String closing = switch (opening) {
                        case "[" -> "]";
                        case "{\"a\":" -> "}";
                        default -> "]}";
                    };
                    return "{\"a\":" + opening.repeat(levels) + "1" + (closed ? closing.repeat(levels) : "") + "}";
                });
    }

    /** The text as a JSON string literal. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c == '"' || c == '\\' || c < 0x20 ? "\\u%04x".formatted(c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }

    /**
     * The parse returns, or refuses with the refusal the endpoint answers a 4xx with: nothing else, and never hangs.
     */
    public static void returnsOrRefuses(Class<? extends AwsServiceException> refusal, Runnable parse) {
        Throwable thrown = thrownBy(parse);
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(refusal);
            assertThat(((AwsServiceException) thrown).httpStatus()).isBetween(400, 499);
        }
    }

    private static Arbitrary<String> quoted(Arbitrary<String> text) {
        return text.map(HostileInput::quote);
    }

    private static String array(List<String> values) {
        return "[" + String.join(",", values) + "]";
    }

    private static String object(List<String> members) {
        return "{" + String.join(",", members) + "}";
    }

    /** What the call threw, or null; a call still running after HANG hangs, and fails the try. */
    private static Throwable thrownBy(Runnable call) {
        Future<?> outcome = PARSER.submit(call);
        try {
            outcome.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException | InterruptedException e) {
            outcome.cancel(true);
            throw new AssertionError("no outcome within " + HANG + ": the call hangs", e);
        }
    }
}
