/**
 * AWS Signature Version 4, server side: parse the signature a client sent (Authorization header or
 * presigned query), rebuild the canonical request, derive the signing key and compare signatures in
 * constant time.
 *
 * <p>Owns: the signing algorithm only. Must not touch: where secrets come from, who the caller is,
 * or any framework. Callers look the secret up themselves between {@link dev.mayfly.sigv4.SignatureParser#parse}
 * and {@link dev.mayfly.sigv4.SigV4Verifier#verify}.
 *
 * <p>Also holds {@link dev.mayfly.sigv4.InstancePool}, the pool of JCA engines its MACs and digests come from, which
 * session-token's AES-GCM ciphers use too: this is the lowest module both depend on.
 */
package dev.mayfly.sigv4;
