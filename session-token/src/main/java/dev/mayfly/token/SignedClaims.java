package dev.mayfly.token;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mayfly.signing.PublicKeys;
import dev.mayfly.signing.SigningKeyRing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A session's claims without its secret, signed with the issuer's Ed25519 key: what a verifier is told of a session.
 * Whoever holds the issuer's public keys can check them, and nobody but the issuer can make or change them. Form:
 * {@code base64url(claims JSON) "." keyId "." base64url(signature)}, the signature over a label, the key id and the
 * encoded claims, so that a signature the issuer makes for anything else never passes for one over claims.
 */
public final class SignedClaims {

    private static final String LABEL = "mayfly-session-claims\n";
    private static final int MAX_CHARS = 16384;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SignedClaims() {
    }

    /** The claims, their secret left out, signed with the ring's newest key. */
    public static String sign(SessionClaims claims, SigningKeyRing keys) {
        try {
            String payload = ENCODER.encodeToString(JSON.writeValueAsBytes(withoutSecret(claims)));
            SigningKeyRing.Signature signature = keys.sign(signedBytes(payload, keys.currentKeyId()));
            return payload + "." + signature.keyId() + "." + ENCODER.encodeToString(signature.bytes());
        } catch (IOException e) {
            throw new IllegalStateException("signing session claims failed", e);
        }
    }

    /**
     * The claims, once their signature is checked; their secret is empty.
     *
     * @throws TokenException when they are malformed, were changed, or no key of the ring signed them
     */
    public static SessionClaims open(String signed, PublicKeys keys) {
        if (signed == null || signed.length() > MAX_CHARS) {
            throw invalid();
        }
        String[] parts = signed.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid();
        }
        try {
            if (!keys.verify(parts[1], signedBytes(parts[0], parts[1]), Base64.getUrlDecoder().decode(parts[2]))) {
                throw invalid();
            }
            return JSON.readValue(Base64.getUrlDecoder().decode(parts[0]), SessionClaims.class);
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
    }

    /** The id of the key that signed them, or null when they are malformed; nothing is checked. */
    public static String keyIdOf(String signed) {
        String[] parts = signed == null ? new String[0] : signed.split("\\.", -1);
        return parts.length == 3 ? parts[1] : null;
    }

    private static SessionClaims withoutSecret(SessionClaims c) {
        return new SessionClaims(c.accessKeyId(), "", c.accountId(), c.principalType(), c.principalArn(), c.principalId(),
                c.issuerArn(), c.issuedAt(), c.expiration(), c.sourceIdentity(), c.sessionPolicy(), c.sessionPolicyArns(), c.tags(),
                c.transitiveTagKeys(), c.mfaAuthenticatedAt(), c.federatedProvider(), c.sourceAccessKeyId());
    }

    private static byte[] signedBytes(String payload, String keyId) {
        return (LABEL + keyId + "\n" + payload).getBytes(StandardCharsets.UTF_8);
    }

    private static TokenException invalid() {
        return new TokenException("The session's claims are not signed by the issuer.");
    }
}
