package dev.mayfly.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

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

/** What a network caller can send a parser, and the one outcome a parser may have besides a value. */
final class HostileInput {

    /** A guard against a hang, not a performance bound: a parse that takes this long never ends. */
    private static final Duration HANG = Duration.ofSeconds(10);
    /** One thread for every try (a new one per try costs more than most parses), that can run as deep as a server's. */
    private static final ExecutorService PARSER = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("hostile-input").factory());

    /** Pieces that break naive splitting and decoding: separators, bad and partial escapes, NUL, lone surrogates. */
    private static final List<String> FRAGMENTS = List.of("&", "=", ";", ",", "/", "//", ".", "..", " ", "\t", "\r\n", "%",
            "%2", "%zz", "%00", "%25", "%C3", "%FF", "%E2%82", "\u0000", "\uD800", "\uDFFF", "é", "𝄞", "+", "?", "#",
            "AWS4-HMAC-SHA256", "aws4_request", "Credential=", "SignedHeaders=", "Signature=", "host", "X-Amz-Date=",
            "X-Amz-Expires=", "X-Amz-Algorithm=", "X-Amz-Credential=", "X-Amz-SignedHeaders=", "X-Amz-Signature=",
            "20150830T123600Z", "99999999T999999Z", "20150230T250000Z", "-1", "9223372036854775808", "604801", "0");

    private HostileInput() {
    }

    /** Arbitrary text, and text built from the fragments that break parsers. */
    static Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(64),
                Arbitraries.of(FRAGMENTS).list().ofMaxSize(24).map(pieces -> String.join("", pieces)),
                Arbitraries.strings().withChars("&=;,/%0123456789ABCDEFxz.").ofMaxLength(48));
    }

    /** The parse returns, or refuses with the refusal the caller is answered with: nothing else, and never hangs. */
    static void returnsOrRefuses(Class<? extends Throwable> refusal, Runnable parse) {
        Throwable thrown = thrownBy(parse);
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(refusal);
        }
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
