package dev.mayfly.issuer.webidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.HostileInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a caller sends as a web identity token, reading it and its claims ends in a Jwt or an InvalidIdentityToken
 * (a 400): garbage segments, bad base64url, JSON of any shape and depth in the header and claims, huge headers.
 */
class JwtPropertyTest {

    private static final List<String> CLAIMS = List.of("alg", "kid", "typ", "iss", "sub", "aud", "exp", "nbf", "iat", "azp");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @Property
    void parseWhenAnyTokenThenJwtOrInvalidIdentityToken(@ForAll("tokens") String token) {
        HostileInput.returnsOrRefuses(WebIdentityException.class, () -> {
            Jwt jwt = Jwt.parse(token);
            jwt.algorithm();
            jwt.keyId();
            jwt.issuer();
            jwt.subject();
            jwt.audiences();
            jwt.time("exp");
        });
    }

    /** A token's segments are what the signature covers, whatever its header and claims. */
    @Property
    void parseWhenWellFormedThenSigningInputIsTheFirstTwoSegments(@ForAll("objects") String header, @ForAll("objects") String claims) {
        String signed = segment(header) + "." + segment(claims);

        Jwt jwt = Jwt.parse(signed + "." + segment("signature"));

        assertThat(new String(jwt.signingInput(), StandardCharsets.US_ASCII)).isEqualTo(signed);
        assertThat(jwt.signature()).isEqualTo("signature".getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> tokens() {
        Arbitrary<String> jsonSegment = Arbitraries.oneOf(HostileInput.json(3, CLAIMS), HostileInput.deeplyNested(), objects(),
                Arbitraries.of("{\"alg\":\"none\"}", "{\"alg\":null,\"kid\":[]}", "{\"aud\":[{},[],null,1]}", "{\"exp\":1e999999999}",
                        "{\"exp\":\"soon\"}", "{\"a\":\"" + "x".repeat(40_000) + "\"}")).map(JwtPropertyTest::segment);
        Arbitrary<String> segment = Arbitraries.oneOf(jsonSegment, HostileInput.text(),
                Arbitraries.strings().withChars("ABCabc012-_+/=").ofMaxLength(20));
        return Arbitraries.oneOf(segment.list().ofMinSize(0).ofMaxSize(5).map(parts -> String.join(".", parts)), HostileInput.text(),
                Combinators.combine(jsonSegment, jsonSegment, segment).as((h, c, s) -> h + "." + c + "." + s));
    }

    @Provide
    Arbitrary<String> objects() {
        return Arbitraries.oneOf(Arbitraries.just("{}"), HostileInput.json(3, CLAIMS).filter(json -> json.startsWith("{")));
    }

    private static String segment(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
