package dev.mayfly.sigv4;

import dev.mayfly.testing.HostileText;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** What a network caller can send a SigV4 parser: the headers, paths and queries of a signed request. */
final class HostileInput {

    /** Pieces that break naive splitting and decoding, and the names and values a signature's parser looks for. */
    private static final List<String> FRAGMENTS = List.of("&", "=", ";", ",", "/", "//", ".", "..", " ", "\t", "\r\n", "%",
            "%2", "%zz", "%00", "%25", "%C3", "%FF", "%E2%82", "\u0000", "\uD800", "\uDFFF", "é", "𝄞", "+", "?", "#",
            "AWS4-HMAC-SHA256", "aws4_request", "Credential=", "SignedHeaders=", "Signature=", "host", "X-Amz-Date=",
            "X-Amz-Expires=", "X-Amz-Algorithm=", "X-Amz-Credential=", "X-Amz-SignedHeaders=", "X-Amz-Signature=",
            "20150830T123600Z", "99999999T999999Z", "20150230T250000Z", "-1", "9223372036854775808", "604801", "0");

    private HostileInput() {
    }

    /** Arbitrary text, text built from the fragments that break parsers, and runs of separators, escapes and digits. */
    static Arbitrary<String> text() {
        return Arbitraries.oneOf(HostileText.from(FRAGMENTS), Arbitraries.strings().withChars("&=;,/%0123456789ABCDEFxz.").ofMaxLength(48));
    }
}
