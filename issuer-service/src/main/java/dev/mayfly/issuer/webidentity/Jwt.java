package dev.mayfly.issuer.webidentity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A JSON Web Token in compact serialization (RFC 7519), read but not yet trusted: its header, claims, the bytes its
 * signature covers and the signature.
 */
public record Jwt(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws WebIdentityException InvalidIdentityToken when it is not a signed JWT */
    public static Jwt parse(String token) {
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw WebIdentityException.invalidToken("The ID token provided is not a signed JSON Web Token.");
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(decoder.decode(parts[0]));
            JsonNode claims = JSON.readTree(decoder.decode(parts[1]));
            if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                throw WebIdentityException.invalidToken("The ID token provided is not a valid JSON Web Token.");
            }
            return new Jwt(header, claims, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), decoder.decode(parts[2]));
        } catch (IOException | IllegalArgumentException e) {
            throw WebIdentityException.invalidToken("The ID token provided is not a valid JSON Web Token.");
        }
    }

    public String algorithm() {
        return header.path("alg").asText("");
    }

    public String keyId() {
        return header.path("kid").asText(null);
    }

    public String issuer() {
        return claims.path("iss").asText(null);
    }

    public String subject() {
        return claims.path("sub").asText(null);
    }

    /** The aud claim: one audience or several. */
    public List<String> audiences() {
        JsonNode aud = claims.path("aud");
        List<String> audiences = new ArrayList<>();
        if (aud.isTextual()) {
            audiences.add(aud.asText());
        } else if (aud.isArray()) {
            aud.forEach(a -> audiences.add(a.asText()));
        }
        return audiences;
    }

    /** A NumericDate claim (exp, nbf, iat) in epoch seconds, or null when absent. */
    public Long time(String claim) {
        JsonNode value = claims.path(claim);
        return value.isNumber() ? value.asLong() : null;
    }
}
