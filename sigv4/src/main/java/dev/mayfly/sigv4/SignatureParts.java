package dev.mayfly.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a client's signature claims: who signed, for which scope and time, over which headers.
 *
 * @param scope         the credential scope
 * @param signedHeaders the lower-case names of the signed headers, in the client's order
 * @param signature     the hex signature
 * @param signedAt      the request time (X-Amz-Date or Date)
 * @param amzDate       the request time exactly as the client wrote it (it is part of the string to sign)
 * @param presigned     true when the signature travelled in the query string
 * @param expires       for presigned requests, how long the signature is valid; null otherwise
 * @param securityToken the session token sent with the request, or null
 */
public record SignatureParts(CredentialScope scope, List<String> signedHeaders, String signature, Instant signedAt,
                             String amzDate, boolean presigned, Duration expires, String securityToken) {
}
