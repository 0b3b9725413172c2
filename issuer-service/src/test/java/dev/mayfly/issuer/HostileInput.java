package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.testing.HostileJson;
import dev.mayfly.testing.HostileText;
import dev.mayfly.testing.Outcomes;
import java.util.List;
import net.jqwik.api.Arbitrary;

/**
 * What a network caller can send the issuer's parsers, shared by their property suites; and the one outcome a parse
 * may have besides a value: an AwsServiceException that the endpoint answers with a 4xx.
 */
public final class HostileInput {

    /** Pieces that break naive splitting and decoding: separators, bad and partial escapes, NUL, lone surrogates. */
    private static final List<String> FRAGMENTS = List.of("&", "=", ".", "+", " ", "\t", "\r\n", "%", "%2", "%zz", "%00", "%25",
            "%C3", "%FF", "%C3%28", "%E2%82", "%F0%9F%98", "%ED%A0%80", "\u0000", "\uD800", "\uDFFF", "é", "𝄞", "Action=",
            ".member.", "1", "0", "-1", "2147483648", "99999999999999999999", "\"", "{", "}", "[", "]", ":", ",", "/");

    private HostileInput() {
    }

    /** Arbitrary text, and text built from the fragments that break parsers. */
    public static Arbitrary<String> text() {
        return HostileText.from(FRAGMENTS);
    }

    /** Any JSON value up to a depth: objects with the keys and others, repeated keys, huge and odd numbers, escapes and unicode. */
    public static Arbitrary<String> json(int depth, List<String> keys) {
        return HostileJson.values(depth, keys, text());
    }

    /** Arrays and objects nested past any sensible depth, closed or not, in an object (what the issuer's JSON readers expect). */
    public static Arbitrary<String> deeplyNested() {
        return HostileJson.deeplyNested("a", 3_000).map(nested -> "{\"a\":" + nested + "}");
    }

    /**
     * The parse returns, or refuses with the refusal the endpoint answers a 4xx with: nothing else, and never hangs.
     */
    public static void returnsOrRefuses(Class<? extends AwsServiceException> refusal, Runnable parse) {
        Outcomes.returnsOrRefuses(refusal, parse).ifPresent(refused -> assertThat(refused.httpStatus()).isBetween(400, 499));
    }
}
