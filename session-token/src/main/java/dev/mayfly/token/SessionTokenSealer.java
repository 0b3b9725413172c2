package dev.mayfly.token;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Base64;

/**
 * Seals claims into a session token and opens them again: {@link Aead} over the claims' JSON, in URL-safe
 * base64 without padding, so that the token survives headers and query strings unescaped.
 */
public final class SessionTokenSealer {

    private static final String CONTEXT = "mayfly-session-token";
    /** Room for the claims with a session policy of 2,048 characters, sealed and base64-encoded. */
    private static final int MAX_TOKEN_CHARS = 8192;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private volatile Aead aead;

    public SessionTokenSealer(KeyRing keys) {
        this.aead = new Aead(keys);
    }

    /** Seals with, and opens with, this ring from now on (after a rotation): live sessions keep working. */
    public void use(KeyRing keys) {
        this.aead = new Aead(keys);
    }

    /** The id of the key new tokens are sealed with; shown to operators, never the key. */
    public String currentKeyId() {
        return aead.currentKeyId();
    }

    public String seal(SessionClaims claims) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(aead.seal(JSON.writeValueAsBytes(claims), CONTEXT));
        } catch (IOException e) {
            throw new IllegalStateException("sealing a session token failed", e);
        }
    }

    public SessionClaims open(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new TokenException("The security token included in the request is invalid.");
        }
        try {
            return JSON.readValue(aead.open(Base64.getUrlDecoder().decode(token), CONTEXT), SessionClaims.class);
        } catch (IllegalArgumentException | IOException e) {
            throw new TokenException("The security token included in the request is invalid.");
        }
    }
}
