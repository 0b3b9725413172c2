package dev.mayfly.issuer.webidentity;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Verifies a web identity token for a provider: an asymmetric signature (RS256/384/512, PS256/384/512, ES256/384/512;
 * never "none" nor a shared secret) by one of the provider's keys, and the times: expired tokens are refused
 * (ExpiredTokenException), as are tokens not valid yet; a minute of clock skew is allowed.
 */
public final class TokenVerifier {

    private static final long SKEW_SECONDS = 60;
    private final SigningKeys keys;

    public TokenVerifier(SigningKeys keys) {
        this.keys = keys;
    }

    /**
     * Verifies the token: first what it says of itself ({@link #checkOnItsOwn}), then its signature.
     *
     * @param issuerUrl   the registered provider's URL, which the token's iss must name
     * @param thumbprints the provider's certificate thumbprints
     * @throws WebIdentityException when the token is not acceptable, with STS's error
     */
    public void verify(Jwt token, String issuerUrl, List<String> thumbprints, Instant now) {
        checkOnItsOwn(token, now);
        String algorithm = javaAlgorithm(token.algorithm());
        PublicKey key = keys.key(issuerUrl, thumbprints, token.keyId());
        try {
            Signature signature = Signature.getInstance(algorithm);
            if (algorithm.startsWith("RSASSA-PSS")) {
                signature.setParameter(pssParameters(token.algorithm()));
            }
            signature.initVerify(key);
            signature.update(token.signingInput());
            if (!signature.verify(token.signature())) {
                throw WebIdentityException.invalidToken("The ID token's signature is not valid.");
            }
        } catch (GeneralSecurityException e) {
            throw WebIdentityException.invalidToken("The ID token's signature is not valid.");
        }
    }

    /**
     * What can be checked of a token without any provider: a supported algorithm and its times. Its errors depend on
     * the token alone, never on what an account has registered, so they may be told to anyone before the token is
     * known to come from one of the account's providers.
     *
     * @throws WebIdentityException when the token is not acceptable, with STS's error
     */
    public void checkOnItsOwn(Jwt token, Instant now) {
        javaAlgorithm(token.algorithm());
        Long exp = token.time("exp");
        if (exp == null) {
            throw WebIdentityException.invalidToken("The ID token has no expiration (exp).");
        }
        if (now.getEpochSecond() >= exp + SKEW_SECONDS) {
            throw new WebIdentityException("ExpiredTokenException", "Token expired: current date/time "
                    + DateTimeFormatter.ISO_INSTANT.format(now) + " must be before the expiration date/time "
                    + DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(exp)), 400);
        }
        Long nbf = token.time("nbf");
        if (nbf != null && now.getEpochSecond() + SKEW_SECONDS < nbf) {
            throw WebIdentityException.invalidToken("The ID token is not valid yet (nbf).");
        }
    }

    private static String javaAlgorithm(String jwsAlgorithm) {
        return switch (jwsAlgorithm) {
            case "RS256" -> "SHA256withRSA";
            case "RS384" -> "SHA384withRSA";
            case "RS512" -> "SHA512withRSA";
            case "PS256", "PS384", "PS512" -> "RSASSA-PSS";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            case "ES384" -> "SHA384withECDSAinP1363Format";
            case "ES512" -> "SHA512withECDSAinP1363Format";
            default -> throw WebIdentityException.invalidToken("The ID token's signing algorithm " + jwsAlgorithm + " is not supported.");
        };
    }

    private static java.security.spec.PSSParameterSpec pssParameters(String jwsAlgorithm) {
        String digest = "SHA-" + jwsAlgorithm.substring(2);
        int saltLength = Integer.parseInt(jwsAlgorithm.substring(2)) / 8;
        return new java.security.spec.PSSParameterSpec(digest, "MGF1", new java.security.spec.MGF1ParameterSpec(digest), saltLength, 1);
    }
}
