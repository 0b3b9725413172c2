package dev.mayfly.sigv4;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Signs a request with the Authorization header, for Mayfly's own clients (the load harness, admin
 * commands). It builds the same canonical request the verifier checks, so the two cannot drift apart;
 * a test holds it to the AWS test suite's signatures.
 */
public final class SigV4Signer {

    private SigV4Signer() {
    }

    /**
     * Adds X-Amz-Date, X-Amz-Security-Token (when a session token is given) and Authorization to the
     * request's headers, signing every header it already has.
     *
     * @param sessionToken the session token, or null for long-term keys
     */
    public static void sign(SignedRequest request, String accessKeyId, String secretAccessKey, String sessionToken,
                            String region, String service, Instant at) {
        String date = SignatureParser.AMZ_DATE.format(at.atOffset(ZoneOffset.UTC)).substring(0, 8);
        signWithSigningKey(request, accessKeyId, SigningKeys.derive(secretAccessKey, new CredentialScope(accessKeyId, date, region, service)),
                sessionToken, region, service, at);
    }

    /**
     * Signs as {@link #sign} does, with the signing key of the scope (kSigning of the day of {@code at}, the region and the
     * service) rather than the secret it is derived from. A key of another day, region or service makes a signature that
     * does not verify.
     */
    public static void signWithSigningKey(SignedRequest request, String accessKeyId, byte[] signingKey, String sessionToken,
                                          String region, String service, Instant at) {
        String amzDate = SignatureParser.AMZ_DATE.format(at.atOffset(ZoneOffset.UTC));
        request.headers().add("X-Amz-Date", amzDate);
        if (sessionToken != null) {
            request.headers().add("X-Amz-Security-Token", sessionToken);
        }
        List<String> signed = new ArrayList<>(request.headers().names());
        signed.replaceAll(name -> name.toLowerCase(Locale.ROOT));
        signed.sort(null);
        CredentialScope scope = new CredentialScope(accessKeyId, amzDate.substring(0, 8), region, service);
        SignatureParts parts = new SignatureParts(scope, signed, null, at, amzDate, false, null, sessionToken);
        String signature = SigningKeys.sign(signingKey, CanonicalRequest.stringToSign(request, parts, true, false));
        request.headers().add("Authorization", CanonicalRequest.ALGORITHM + " Credential=" + accessKeyId + "/" + scope.scope()
                + ", SignedHeaders=" + String.join(";", signed) + ", Signature=" + signature);
    }
}
