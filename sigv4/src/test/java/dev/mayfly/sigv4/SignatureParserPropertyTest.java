package dev.mayfly.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.testing.Outcomes;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a caller puts in the Authorization header, the X-Amz-* query parameters, the path and the query, reading and
 * checking the signature ends in a SignatureException (answered as an AWS 4xx) or a result, never in anything else.
 */
class SignatureParserPropertyTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2015-08-30T12:36:00Z");
    private static final List<String> QUERY_NAMES = List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Expires", "X-Amz-Security-Token");
    private final SigV4Verifier verifier = new SigV4Verifier(Set.of("sts", "service"), true);

    @Property
    void parseWhenAnyAuthorizationHeaderThenPartsOrSignatureException(@ForAll("headerSignedRequests") SignedRequest request) {
        Outcomes.returnsOrRefuses(SignatureException.class, () -> SignatureParser.parse(request));
    }

    @Property
    void parseWhenAnyPresignedQueryThenPartsOrSignatureException(@ForAll("presignedRequests") SignedRequest request) {
        Outcomes.returnsOrRefuses(SignatureException.class, () -> SignatureParser.parse(request));
    }

    /** Verifying builds the canonical request from the hostile path and query too. */
    @Property
    void verifyWhenAnyRequestThenOnlySignatureException(@ForAll("anySignedRequests") SignedRequest request) {
        Outcomes.returnsOrRefuses(SignatureException.class,
                () -> verifier.verify(request, SignatureParser.parse(request), SECRET, NOW));
    }

    /** A request a client signed, whatever its path, query and header values, parses to what was signed and verifies. */
    @Property
    void verifyWhenSignedBySignerThenPartsAsSignedAndSignatureMatches(@ForAll("paths") String path, @ForAll("queries") String query,
                                                                     @ForAll("headerValues") String value) {
        SignedRequest request = new SignedRequest("POST", path, query,
                new RequestHeaders().add("Host", "sts.amazonaws.com").add("X-Mayfly-Value", value), value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SigV4Signer.sign(request, "AKIDEXAMPLE", SECRET, "token", "us-east-1", "sts", NOW);

        SignatureParts parts = SignatureParser.parse(request);

        assertThat(parts.scope()).isEqualTo(new CredentialScope("AKIDEXAMPLE", "20150830", "us-east-1", "sts"));
        assertThat(parts.signedHeaders()).containsExactly("host", "x-amz-date", "x-amz-security-token", "x-mayfly-value");
        assertThat(parts.signedAt()).isEqualTo(NOW);
        assertThat(parts.securityToken()).isEqualTo("token");
        verifier.verify(request, parts, SECRET, NOW);
    }

    @Provide
    Arbitrary<SignedRequest> headerSignedRequests() {
        return Combinators.combine(authorizations(), optional(amzDates()), optional(httpDates()), paths(), queries())
                .as((authorization, amzDate, date, path, query) -> {
                    RequestHeaders headers = new RequestHeaders().add("Host", "sts.amazonaws.com").add("Authorization", authorization);
                    if (!amzDate.isEmpty()) {
                        headers.add("X-Amz-Date", amzDate);
                    }
                    if (!date.isEmpty()) {
                        headers.add("Date", date);
                    }
                    return new SignedRequest("POST", path, query, headers, null);
                });
    }

    @Provide
    Arbitrary<SignedRequest> presignedRequests() {
        return Combinators.combine(presignedQueries(), paths())
                .as((query, path) -> new SignedRequest("GET", path, query, new RequestHeaders().add("Host", "sts.amazonaws.com"), null));
    }

    @Provide
    Arbitrary<SignedRequest> anySignedRequests() {
        return Arbitraries.oneOf(headerSignedRequests(), presignedRequests());
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.oneOf(HostileInput.text(), HostileInput.text().map(p -> "/" + p));
    }

    @Provide
    Arbitrary<String> queries() {
        return HostileInput.text();
    }

    @Provide
    Arbitrary<String> headerValues() {
        return HostileInput.text();
    }

    /** An Authorization header: any text, or the algorithm and fields whose values are any text. */
    private static Arbitrary<String> authorizations() {
        Arbitrary<String> field = Combinators.combine(Arbitraries.oneOf(Arbitraries.of("Credential", " Credential", "SignedHeaders",
                        " SignedHeaders", "Signature", " Signature"), HostileInput.text()), Arbitraries.oneOf(credentials(),
                        signedHeaders(), HostileInput.text()))
                .as((name, value) -> name + "=" + value);
        Arbitrary<String> structured = field.list().ofMaxSize(6).map(fields -> "AWS4-HMAC-SHA256 " + String.join(",", fields));
        return Arbitraries.oneOf(structured, HostileInput.text());
    }

    /** The query of a presigned request: the X-Amz-* parameters and others, with valid-looking or hostile values. */
    private static Arbitrary<String> presignedQueries() {
        Arbitrary<String> value = Arbitraries.oneOf(credentials(), signedHeaders(), amzDates(), HostileInput.text(),
                Arbitraries.of("AWS4-HMAC-SHA256", "3600", "-1", "604801", "99999999999999999999", "0x10", " 60"));
        Arbitrary<String> pair = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(QUERY_NAMES), HostileInput.text()), value)
                .as((name, v) -> name + "=" + v);
        return Arbitraries.oneOf(pair.list().ofMaxSize(10).map(pairs -> String.join("&", pairs)), HostileInput.text());
    }

    private static Arbitrary<String> credentials() {
        Arbitrary<String> part = Arbitraries.oneOf(Arbitraries.of("AKIDEXAMPLE", "20150830", "us-east-1", "sts", "aws4_request", ""),
                HostileInput.text());
        return part.list().ofMinSize(0).ofMaxSize(7).map(parts -> String.join("/", parts));
    }

    private static Arbitrary<String> signedHeaders() {
        return Arbitraries.oneOf(Arbitraries.of("host", "x-amz-date", "HOST", "", ";"), HostileInput.text()).list().ofMaxSize(5)
                .map(names -> String.join(";", names));
    }

    private static Arbitrary<String> amzDates() {
        return Arbitraries.oneOf(Arbitraries.of("20150830T123600Z", "20151330T123600Z", "20150830T246000Z", "+0150830T123600Z",
                "2015083OT123600Z", "20150830t123600z", "00000000T000000Z"), Arbitraries.strings().withChars("0123456789TZ+-").ofLength(16));
    }

    private static Arbitrary<String> httpDates() {
        return Arbitraries.oneOf(Arbitraries.of("Sun, 30 Aug 2015 12:36:00 GMT", "Mon, 30 Aug 2015 12:36:00 GMT",
                "Sun, 31 Feb 2015 12:36:00 GMT", "Sun, 30 Aug 2015 25:36:00 +9999"), HostileInput.text());
    }

    /** The empty string for a header left out. */
    private static Arbitrary<String> optional(Arbitrary<String> value) {
        return Arbitraries.oneOf(Arbitraries.just(""), value);
    }
}
