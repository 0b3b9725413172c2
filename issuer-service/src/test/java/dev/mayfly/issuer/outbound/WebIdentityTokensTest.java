package dev.mayfly.issuer.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.outbound.WebIdentityTokens.Claims;
import dev.mayfly.issuer.outbound.WebIdentityTokens.Token;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.signing.WebIdentityKeyRing;
import dev.mayfly.signing.WebIdentityKeyRing.Algorithm;
import dev.mayfly.signing.WebIdentityKeyRing.PublicJwk;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tokens as a relying party verifies them against the ring's published keys (Nimbus JOSE+JWT), across a rotation:
 * the key a rotation adds signs only once it has been published for {@link WebIdentityKeyRing#PUBLISH_AHEAD}, and the
 * tokens the previous key signed keep verifying.
 */
class WebIdentityTokensTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant ROTATED = T0.plusSeconds(86_400);
    private static final OutboundIssuers ISSUERS = new OutboundIssuers(() -> URI.create("https://sts.example.com/"));
    private static final Claims CLAIMS = new Claims("6bb8515d-7ebf-45a5-b5f8-28097a2af19e", "arn:aws:iam::000000000001:role/ci",
            "000000000001", "eu-west-1", List.of("vault"), Map.of("team", "platform"), Map.of("job", "deploy"));

    private static final WebIdentityKeyRing RING = WebIdentityKeyRing.parse(WebIdentityKeyRing.newKeyLine(T0)
            + WebIdentityKeyRing.newKeyLine(ROTATED));

    @Test
    void issueWhenARotationPublishedTheNextKeyThenItSignsOnlyAfterPublishAheadAndBothTokensVerify() throws Exception {
        WebIdentityTokens tokens = new WebIdentityTokens(() -> Optional.of(RING), ISSUERS);
        for (Algorithm algorithm : Algorithm.values()) {
            Token justAfter = tokens.issue(CLAIMS, algorithm, 300, ROTATED.plusSeconds(1));
            Token later = tokens.issue(CLAIMS, algorithm, 300, ROTATED.plus(WebIdentityKeyRing.PUBLISH_AHEAD));

            assertThat(justAfter.keyId()).startsWith("o" + T0.toEpochMilli());
            assertThat(later.keyId()).startsWith("o" + ROTATED.toEpochMilli());
            assertThat(verified(justAfter.jwt(), justAfter.expiration()).getSubject()).isEqualTo(CLAIMS.subject());
            assertThat(verified(later.jwt(), later.expiration()).getSubject()).isEqualTo(CLAIMS.subject());
            assertThat(SignedJWT.parse(later.jwt()).getHeader().getKeyID()).isEqualTo(later.keyId());
        }
    }

    @Test
    void issueWhenClaimsAskedThenAwsShapeWithTheIssuerUrlAndWholeSecondTimes() throws Exception {
        Instant now = ROTATED.plusMillis(1_500);
        Token token = new WebIdentityTokens(() -> Optional.of(RING), ISSUERS).issue(CLAIMS, Algorithm.RS256, 3600, now);
        JWTClaimsSet claims = SignedJWT.parse(token.jwt()).getJWTClaimsSet();

        assertThat(claims.getIssuer()).isEqualTo("https://sts.example.com/outbound/" + CLAIMS.issuerId());
        assertThat(Json.mapper().readTree(SignedJWT.parse(token.jwt()).getPayload().toBytes()).path("aud").isTextual())
                .as("one audience, a string, as AWS's tokens carry it").isTrue();
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(ROTATED.plusSeconds(1));
        assertThat(token.expiration()).isEqualTo(ROTATED.plusSeconds(3601));
        assertThat(claims.getJWTID()).isEqualTo(token.tokenId());
        assertThat(claims.getJSONObjectClaim(WebIdentityTokens.AWS_NAMESPACE)).containsEntry("aws_account", "000000000001")
                .containsEntry("source_region", "eu-west-1").containsEntry("principal_tags", Map.of("team", "platform"))
                .containsEntry("request_tags", Map.of("job", "deploy"));
        assertThat(token.toString()).doesNotContain(token.jwt().substring(token.jwt().lastIndexOf('.') + 1));
    }

    @Test
    void issueWhenTheDeploymentHasNoRingThenServiceUnavailableNamingKeysInit() {
        assertThatThrownBy(() -> new WebIdentityTokens(Optional::empty, ISSUERS).issue(CLAIMS, Algorithm.ES384, 300, T0))
                .isInstanceOf(AwsServiceException.class).hasMessageContaining("keys init")
                .satisfies(e -> assertThat(((AwsServiceException) e).httpStatus()).isEqualTo(503));
    }

    private static JWTClaimsSet verified(String jwt, Instant expiration) throws Exception {
        List<Map<String, Object>> keys = RING.publicJwks().stream().map(PublicJwk::members).map(m -> Map.<String, Object>copyOf(m)).toList();
        JWKSet published = JWKSet.parse(Json.mapper().writeValueAsString(Map.of("keys", keys)));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES384),
                new ImmutableJWKSet<>(published)));
        // the tokens are made at fixed instants: their times are checked here, not against the wall clock
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of("vault"),
                new JWTClaimsSet.Builder().issuer("https://sts.example.com/outbound/" + CLAIMS.issuerId()).build(),
                Set.of("sub", "iat", "exp", "jti"), null) {
            @Override
            public void verify(JWTClaimsSet claims, SecurityContext context) throws com.nimbusds.jwt.proc.BadJWTException {
                super.verify(new JWTClaimsSet.Builder(claims).expirationTime(null).build(), context);
                assertThat(claims.getExpirationTime().toInstant()).isEqualTo(expiration);
            }
        });
        return processor.process(jwt, null);
    }
}
