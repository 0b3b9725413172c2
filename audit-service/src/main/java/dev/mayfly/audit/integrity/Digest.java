package dev.mayfly.audit.integrity;

import dev.mayfly.contract.Json;
import java.time.Instant;
import java.util.List;

/**
 * One account's digest for one period: the SHA-256 of every record it covers, chained to the account's previous digest
 * by that digest's signature, and signed. Like CloudTrail's digest files, a digest exists for every period once an
 * account has a record, even for a period without any, so that deleting a period's records together with its digest
 * still breaks the chain.
 *
 * <p>A record belongs to the digest of the period its eventTime falls in; a record that arrives after that digest was
 * sealed (Kafka was away for longer than the settle time) is listed in the next digest sealed for its account.
 *
 * @param accountId               the account
 * @param periodStart             inclusive
 * @param periodEnd               exclusive; the next digest's periodStart
 * @param records                 the records, ordered by eventTime then eventID
 * @param previousDigestSignature the account's previous digest's signature, or null for its first digest
 * @param keyFingerprint          the SHA-256 of the signing key's public key (X.509 SubjectPublicKeyInfo, DER), hex
 * @param signatureAlgorithm      {@value DigestSigner#ALGORITHM}
 * @param createdAt               when the digest was sealed
 * @param signature               base64 signature over {@link #signedBytes()}; null before signing
 */
public record Digest(String accountId, Instant periodStart, Instant periodEnd, List<Entry> records, String previousDigestSignature,
                     String keyFingerprint, String signatureAlgorithm, Instant createdAt, String signature) {

    public Digest {
        records = List.copyOf(records);
    }

    /** A record as a digest lists it. */
    public record Entry(String eventID, String eventTime, String sha256) {
    }

    /**
     * What the signature covers: the canonical JSON ({@link RecordHash#canonicalBytes}) of this digest without its
     * signature.
     */
    public byte[] signedBytes() {
        return RecordHash.canonicalBytes(Json.mapper().valueToTree(withSignature(null)));
    }

    Digest withSignature(String signature) {
        return new Digest(accountId, periodStart, periodEnd, records, previousDigestSignature, keyFingerprint, signatureAlgorithm,
                createdAt, signature);
    }
}
