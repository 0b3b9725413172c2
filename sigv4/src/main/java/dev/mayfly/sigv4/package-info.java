/**
 * AWS Signature Version 4, server side: parse the signature a client sent (Authorization header or
 * presigned query), rebuild the canonical request, derive the signing key and compare signatures in
 * constant time.
 *
 * <p>Owns: the signing algorithm only. Must not touch: where secrets come from, who the caller is,
 * or any framework. Callers look the secret up themselves between {@link dev.mayfly.sigv4.SignatureParser#parse}
 * and {@link dev.mayfly.sigv4.SigV4Verifier#verify}.
 */
package dev.mayfly.sigv4;
