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
 * <p>A busy period is sealed in parts of at most {@value #MAX_RECORDS} records, each a digest of its own in the chain
 * (part 0, 1, ...; the period's last part says so), so that no digest outgrows what a document or the digester's
 * memory holds: at 1,000 calls a second an hour is 3.6 million records.
 *
 * @param accountId               the account
 * @param periodStart             inclusive
 * @param periodEnd               exclusive; the next period's periodStart
 * @param part                    which part of the period's digest this is, from 0
 * @param last                    whether it is the period's last part
 * @param records                 the records, ordered by eventTime then eventID
 * @param previousDigestSignature the account's previous digest's signature, or null for its first digest
 * @param keyFingerprint          the SHA-256 of the signing key's public key (X.509 SubjectPublicKeyInfo, DER), hex
 * @param signatureAlgorithm      {@value DigestSigner#ALGORITHM}
 * @param createdAt               when the digest was sealed
 * @param signature               base64 signature over {@link #signedBytes()}; null before signing
 */
public record Digest(String accountId, Instant periodStart, Instant periodEnd, int part, boolean last, List<Entry> records,
                     String previousDigestSignature, String keyFingerprint, String signatureAlgorithm, Instant createdAt,
                     String signature) {

    public static final int MAX_RECORDS = 10_000;

    public Digest {
        records = List.copyOf(records);
    }

    /** Whether this digest comes right after {@code previous} in a chain: the next part, or the next period's first. */
    boolean follows(Digest previous) {
        return previous.last() ? part == 0 && periodStart.equals(previous.periodEnd())
                : part == previous.part() + 1 && periodStart.equals(previous.periodStart());
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

    /** The digest as named by another key: one sealed just as the signing ring changed is signed by the new key. */
    Digest withKeyFingerprint(String fingerprint) {
        return new Digest(accountId, periodStart, periodEnd, part, last, records, previousDigestSignature, fingerprint,
                signatureAlgorithm, createdAt, signature);
    }

    Digest withSignature(String signature) {
        return new Digest(accountId, periodStart, periodEnd, part, last, records, previousDigestSignature, keyFingerprint,
                signatureAlgorithm, createdAt, signature);
    }
}
