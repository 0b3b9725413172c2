package dev.mayfly.issuer.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.signing.WebIdentityKeyRing;
import dev.mayfly.signing.WebIdentityKeyRing.Algorithm;
import dev.mayfly.signing.WebIdentityKeyRing.Signed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes the JSON Web Tokens of STS GetWebIdentityToken, with the claims AWS documents: the standard ones (iss: the
 * account's issuer URL; sub: the principal; aud; iat; exp; jti) and, under the {@value #AWS_NAMESPACE} claim, the
 * account, the region asked, the principal's tags and the request's tags (custom claims). Signed with the deployment's
 * web identity ring (shared by every issuer), whose keys the issuer URL publishes.
 */
public final class WebIdentityTokens {

    /** The claim AWS nests its identity claims and the request's tags under. */
    public static final String AWS_NAMESPACE = "https://sts.amazonaws.com/";
    /**
     * The largest payload signed, in bytes of JSON: beyond it JWTPayloadSizeExceededException, as AWS answers when request
     * tags make the token too large (AWS does not publish its bound; this one keeps a token within common header limits).
     */
    public static final int MAX_PAYLOAD_BYTES = 8 * 1024;

    private final Supplier<Optional<WebIdentityKeyRing>> keys;
    private final OutboundIssuers issuers;

    /** @param keys the ring as current now, asked at each token; empty while the deployment lacks it */
    public WebIdentityTokens(Supplier<Optional<WebIdentityKeyRing>> keys, OutboundIssuers issuers) {
        this.keys = keys;
        this.issuers = issuers;
    }

    /**
     * What a token says.
     *
     * @param issuerId      the caller's account's issuer id
     * @param subject       the principal's ARN as AWS puts it in sub (a role session's role)
     * @param region        the region the request was signed for (source_region)
     * @param principalTags the caller's tags, as policies see them (aws:PrincipalTag)
     * @param requestTags   the request's Tags, custom claims
     */
    public record Claims(String issuerId, String subject, String account, String region, List<String> audiences,
                         Map<String, String> principalTags, Map<String, String> requestTags) {
        public Claims {
            audiences = List.copyOf(audiences);
            principalTags = Map.copyOf(principalTags);
            requestTags = Map.copyOf(requestTags);
        }
    }

    /** A signed token, its expiry and id, and the key that signed it. */
    public record Token(String jwt, Instant expiration, String tokenId, String keyId) {

        /** The token's claims and key, never the token itself (it is a bearer credential). */
        @Override
        public String toString() {
            return "web identity token " + tokenId + " signed by " + keyId + " until " + expiration;
        }
    }

    /**
     * @throws AwsServiceException JWTPayloadSizeExceededException when the claims are too large to sign;
     *                             ServiceUnavailable while the deployment has no web identity keys
     */
    public Token issue(Claims claims, Algorithm algorithm, int durationSeconds, Instant now) {
        WebIdentityKeyRing ring = keys.get().orElseThrow(() -> new AwsServiceException("ServiceUnavailable",
                "This deployment has no web identity signing keys yet: its operator runs ./mayfly keys init, which adds the"
                        + " missing ring and keeps the others.", 503));
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        Instant expiration = issuedAt.plusSeconds(durationSeconds);
        String tokenId = UUID.randomUUID().toString();
        byte[] payload = json(payload(claims, issuedAt, expiration, tokenId));
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new AwsServiceException("JWTPayloadSizeExceededException", "The token's payload would be " + payload.length
                    + " bytes, more than the " + MAX_PAYLOAD_BYTES + " allowed: pass fewer or shorter tags.", 400);
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", algorithm.name());
        header.put("typ", "JWT");
        header.put("kid", ring.signingKeyId(algorithm, now));
        String signingInput = base64Url(json(header)) + "." + base64Url(payload);
        Signed signed = ring.sign(algorithm, signingInput.getBytes(StandardCharsets.US_ASCII), now);
        if (!signed.keyId().equals(header.get("kid"))) {
            throw new IllegalStateException("the key that signed (" + signed.keyId() + ") is not the one the header names");
        }
        return new Token(signingInput + "." + base64Url(signed.signature()), expiration, tokenId, signed.keyId());
    }

    private Map<String, Object> payload(Claims claims, Instant issuedAt, Instant expiration, String tokenId) {
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("aws_account", claims.account());
        aws.put("source_region", claims.region());
        if (!claims.principalTags().isEmpty()) {
            aws.put("principal_tags", new java.util.TreeMap<>(claims.principalTags()));
        }
        if (!claims.requestTags().isEmpty()) {
            aws.put("request_tags", new LinkedHashMap<>(claims.requestTags()));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", issuers.issuerUrl(claims.issuerId()));
        payload.put("sub", claims.subject());
        // one audience as a string, as AWS's tokens carry it; several as the array RFC 7519 allows
        payload.put("aud", claims.audiences().size() == 1 ? claims.audiences().getFirst() : claims.audiences());
        payload.put("iat", issuedAt.getEpochSecond());
        payload.put("exp", expiration.getEpochSecond());
        payload.put("jti", tokenId);
        payload.put(AWS_NAMESPACE, aws);
        return payload;
    }

    private static byte[] json(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("claims that are strings, numbers and maps of them did not serialize", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
