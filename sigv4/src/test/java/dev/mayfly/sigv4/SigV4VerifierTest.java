package dev.mayfly.sigv4;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SigV4VerifierTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");
    private final SigV4Verifier verifier = new SigV4Verifier(Set.of("service"), true);

    private static SignedRequest vanilla() {
        return new SignedRequest("GET", "/", "", new RequestHeaders()
                .add("Host", "example.amazonaws.com")
                .add("X-Amz-Date", "20150830T123600Z")
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), null);
    }

    private static SignedRequest vanillaWithSignature(String signature) {
        return new SignedRequest("GET", "/", "", new RequestHeaders()
                .add("Host", "example.amazonaws.com")
                .add("X-Amz-Date", "20150830T123600Z")
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=" + signature), null);
    }

    @Test
    void verifyWhenSignatureInUpperCaseHexThenAccepted() {
        verify(vanillaWithSignature("5FA00FA31553B73EBF1942676E86291E8372FF2A2260956D9B8AAE1D763FBF31"), SIGNED_AT);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf3",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf3100",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf3g",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf30",
            "not-hex"})
    void verifyWhenSignatureTruncatedLongerNotHexOrOtherThenDoesNotMatch(String signature) {
        assertThatThrownBy(() -> verify(vanillaWithSignature(signature), SIGNED_AT))
                .isInstanceOfSatisfying(SignatureException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH));
    }

    private void verify(SignedRequest request, Instant now) {
        verifier.verify(request, SignatureParser.parse(request), SECRET, now);
    }

    @Test
    void verifyWhenSignedMoreThanFifteenMinutesAgoThenRequestExpired() {
        assertThatThrownBy(() -> verify(vanilla(), SIGNED_AT.plusSeconds(16 * 60)))
                .isInstanceOfSatisfying(SignatureException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.failure()).isEqualTo(AuthFailure.REQUEST_EXPIRED));
    }

    @Test
    void verifyWhenSignedMoreThanFifteenMinutesAheadThenRequestExpired() {
        assertThatThrownBy(() -> verify(vanilla(), SIGNED_AT.minusSeconds(16 * 60)))
                .isInstanceOfSatisfying(SignatureException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.failure()).isEqualTo(AuthFailure.REQUEST_EXPIRED));
    }

    @Test
    void parseWhenNoSignatureThenMissingAuthenticationToken() {
        SignedRequest unsigned = new SignedRequest("POST", "/", "", new RequestHeaders().add("Host", "h"), null);
        assertThatThrownBy(() -> SignatureParser.parse(unsigned))
                .isInstanceOfSatisfying(SignatureException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.failure()).isEqualTo(AuthFailure.MISSING_AUTHENTICATION_TOKEN));
    }

    @Test
    void parseWhenAuthorizationLacksSignatureThenIncompleteSignature() {
        SignedRequest request = new SignedRequest("POST", "/", "", new RequestHeaders().add("Host", "h")
                .add("X-Amz-Date", "20150830T123600Z")
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host"), null);
        assertThatThrownBy(() -> SignatureParser.parse(request))
                .isInstanceOfSatisfying(SignatureException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.failure()).isEqualTo(AuthFailure.INCOMPLETE_SIGNATURE));
    }

    @Test
    void parseWhenPresignedWithoutExpiresThenIncompleteSignatureNamingIt() {
        SignedRequest request = new SignedRequest("GET", "/", "Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z"
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
                new RequestHeaders().add("Host", "example.amazonaws.com"), null);
        assertThatThrownBy(() -> SignatureParser.parse(request))
                .isInstanceOfSatisfying(SignatureException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.failure()).isEqualTo(AuthFailure.INCOMPLETE_SIGNATURE))
                .hasMessageContaining("X-Amz-Expires");
    }

    @Test
    void verifyWhenScopedToAnotherServiceThenSignatureDoesNotMatch() {
        SigV4Verifier stsOnly = new SigV4Verifier(Set.of("sts"), true);
        SignedRequest request = vanilla();
        assertThatThrownBy(() -> stsOnly.verify(request, SignatureParser.parse(request), SECRET, SIGNED_AT))
                .isInstanceOfSatisfying(SignatureException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void verifyWhenWrongSecretThenSignatureDoesNotMatch() {
        SignedRequest request = vanilla();
        assertThatThrownBy(() -> verifier.verify(request, SignatureParser.parse(request), SECRET + "x", SIGNED_AT))
                .isInstanceOfSatisfying(SignatureException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH));
    }
}
