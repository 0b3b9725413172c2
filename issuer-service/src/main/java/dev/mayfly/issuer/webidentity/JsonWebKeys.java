package dev.mayfly.issuer.webidentity;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The signing keys of a JSON Web Key Set (RFC 7517): RSA and EC (P-256, P-384, P-521) keys for signatures. */
final class JsonWebKeys {

    private JsonWebKeys() {
    }

    /** The set's signing keys by key id; keys without an id are named #0, #1, ...; other kinds are left out. */
    static Map<String, PublicKey> signingKeys(JsonNode jwks) {
        Map<String, PublicKey> keys = new HashMap<>();
        int anonymous = 0;
        for (JsonNode jwk : jwks.path("keys")) {
            if (!jwk.path("use").asText("sig").equals("sig")) {
                continue;
            }
            Optional<PublicKey> key = publicKey(jwk);
            if (key.isPresent()) {
                keys.put(jwk.path("kid").asText("#" + anonymous++), key.get());
            }
        }
        return Map.copyOf(keys);
    }

    private static Optional<PublicKey> publicKey(JsonNode jwk) {
        Base64.Decoder decoder = Base64.getUrlDecoder();
        try {
            switch (jwk.path("kty").asText()) {
                case "RSA" -> {
                    return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                            new BigInteger(1, decoder.decode(jwk.path("n").asText())), new BigInteger(1, decoder.decode(jwk.path("e").asText())))));
                }
                case "EC" -> {
                    String curve = switch (jwk.path("crv").asText()) {
                        case "P-256" -> "secp256r1";
                        case "P-384" -> "secp384r1";
                        case "P-521" -> "secp521r1";
                        default -> null;
                    };
                    if (curve == null) {
                        return Optional.empty();
                    }
                    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                    parameters.init(new ECGenParameterSpec(curve));
                    ECPoint point = new ECPoint(new BigInteger(1, decoder.decode(jwk.path("x").asText())),
                            new BigInteger(1, decoder.decode(jwk.path("y").asText())));
                    return Optional.of(KeyFactory.getInstance("EC").generatePublic(
                            new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class))));
                }
                default -> {
                    return Optional.empty();
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
