package dev.mayfly.sigv4;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Set;

/**
 * Checks a request's signature against the signer's secret.
 *
 * <p>Time is checked before the signature: AWS allows 15 minutes of skew for header signatures, and a
 * presigned request is valid from its date until its X-Amz-Expires has passed (a presigned request without
 * X-Amz-Expires is refused as incomplete by {@link SignatureParser}, as AWS refuses it).
 */
public final class SigV4Verifier {

    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private final Set<String> services;
    private final boolean normalizePath;

    /**
     * @param services      the service names a credential scope may name here (for example "sts" and "iam")
     * @param normalizePath true for every AWS service but S3
     */
    public SigV4Verifier(Set<String> services, boolean normalizePath) {
        this.services = Set.copyOf(services);
        this.normalizePath = normalizePath;
    }

    /** Signing keys derived (four HMACs each), by secret and scope: a key signs a day's requests for one scope. */
    private final java.util.Map<String, byte[]> signingKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED_SIGNING_KEYS = 10_000;

    private byte[] signingKey(String secretAccessKey, CredentialScope scope) {
        if (signingKeys.size() > MAX_CACHED_SIGNING_KEYS) {
            signingKeys.clear();
        }
        return signingKeys.computeIfAbsent(secretAccessKey + '\n' + scope.date() + '/' + scope.region() + '/' + scope.service(),
                k -> SigningKeys.derive(secretAccessKey, scope));
    }

    public void verify(SignedRequest request, SignatureParts parts, String secretAccessKey, Instant now) {
        checkScopeAndTime(parts, now);
        checkSignature(request, parts, signingKey(secretAccessKey, parts.scope()));
    }

    /**
     * Checks a request's signature with the signing key of its scope (kSigning of its day, region and service), for those
     * who hold that key and not the secret it was derived from: resource servers' verifiers.
     */
    public void verifyWithSigningKey(SignedRequest request, SignatureParts parts, byte[] signingKey, Instant now) {
        checkScopeAndTime(parts, now);
        checkSignature(request, parts, signingKey);
    }

    /**
     * What can be refused before any key is looked up: a scope naming another service, a date that is not the request's,
     * a request too old or too new.
     */
    public void checkScopeAndTime(SignatureParts parts, Instant now) {
        checkScope(parts);
        checkTime(parts, now);
    }

    private void checkSignature(SignedRequest request, SignatureParts parts, byte[] signingKey) {
        boolean matches = matches(request, parts, signingKey, false);
        if (!matches && parts.presigned() && parts.securityToken() != null) {
            matches = matches(request, parts, signingKey, true);
        }
        if (!matches) {
            throw new SignatureException(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                    "The request signature we calculated does not match the signature you provided. "
                            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
    }

    private boolean matches(SignedRequest request, SignatureParts parts, byte[] signingKey, boolean tokenAddedAfterSigning) {
        byte[] expected = SigningKeys.hmac(signingKey, CanonicalRequest.stringToSign(request, parts, normalizePath, tokenAddedAfterSigning));
        byte[] given = hexBytes(parts.signature());
        return given != null && MessageDigest.isEqual(expected, given);
    }

    /**
     * The bytes a hex signature (of either case) stands for, or null when it is not hex: compared as bytes rather than as
     * lower-cased hex text, which formatted the expected signature and copied the given one twice per request.
     */
    private static byte[] hexBytes(String signature) {
        try {
            return HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void checkScope(SignatureParts parts) {
        if (!services.contains(parts.scope().service())) {
            throw new SignatureException(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                    "Credential should be scoped to correct service: '" + services.iterator().next() + "'. ");
        }
        if (!parts.amzDate().startsWith(parts.scope().date())) {
            throw new SignatureException(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + parts.scope().date() + "' != '" + parts.amzDate().substring(0, Math.min(8, parts.amzDate().length())) + "'");
        }
    }

    private static void checkTime(SignatureParts parts, Instant now) {
        if (parts.presigned()) {
            if (now.isAfter(parts.signedAt().plus(parts.expires()))) {
                throw new SignatureException(AuthFailure.REQUEST_EXPIRED, "Request has expired");
            }
            if (parts.signedAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
                throw new SignatureException(AuthFailure.REQUEST_EXPIRED, "Request is not yet valid");
            }
            return;
        }
        if (parts.signedAt().isBefore(now.minus(MAX_CLOCK_SKEW))) {
            throw new SignatureException(AuthFailure.REQUEST_EXPIRED, "Signature expired: " + parts.amzDate()
                    + " is now earlier than " + amz(now.minus(MAX_CLOCK_SKEW)) + " (" + amz(now) + " - 15 min.)");
        }
        if (parts.signedAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new SignatureException(AuthFailure.REQUEST_EXPIRED, "Signature not yet current: " + parts.amzDate()
                    + " is still later than " + amz(now.plus(MAX_CLOCK_SKEW)) + " (" + amz(now) + " + 15 min.)");
        }
    }

    private static String amz(Instant instant) {
        return SignatureParser.AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }
}
