package dev.mayfly.audit.integrity;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mayfly.contract.Json;
import dev.mayfly.privatefiles.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import dev.mayfly.signing.PublicKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every key that has signed digests and when it did: what ListPublicKeys answers, so that digests signed before the
 * signing key was replaced still validate. Kept in a file beside the signing key, or, with the deployment's
 * audit-digest-signing ring, the ring itself (it keeps every key, each key's id saying when it began), never in
 * Elasticsearch: whoever could add a public key to this list could sign forged digests that validate.
 */
public final class SigningKeyHistory {

    /**
     * A key that signed digests.
     *
     * @param fingerprint  as digests name their key ({@link DigestSigner#fingerprint(byte[])})
     * @param publicKeyDer X.509 SubjectPublicKeyInfo, DER
     * @param validFrom    when it began to sign
     * @param validUntil   when another key replaced it; null while it signs
     */
    public record SigningKey(String fingerprint, byte[] publicKeyDer, Instant validFrom, Instant validUntil) {

        boolean signedWithin(Instant start, Instant end) {
            return !validFrom.isAfter(end) && (validUntil == null || validUntil.isAfter(start));
        }
    }

    private final List<SigningKey> keys;

    private SigningKeyHistory(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Where the history of this signing key file is kept: beside it, {@code <key file>.history}. */
    public static Path fileBeside(Path signingKeyFile) {
        return signingKeyFile.resolveSibling(signingKeyFile.getFileName() + ".history");
    }

    /**
     * Reads the history and makes the signer's key its current one: a key met for the first time begins now, and the key
     * it replaces ends now.
     *
     * @param since when the signer's key began, if there is no history yet (the key may have signed before histories
     *              were kept: its file's time)
     */
    public static SigningKeyHistory open(Path file, DigestSigner signer, Instant since, Instant now) throws IOException {
        List<SigningKey> keys = Files.exists(file)
                ? new ArrayList<>(Json.mapper().readValue(Files.readString(file), new TypeReference<List<SigningKey>>() { }))
                : new ArrayList<>();
        SigningKey current = keys.isEmpty() ? null : keys.getLast();
        if (current != null && current.fingerprint().equals(signer.fingerprint()) && current.validUntil() == null) {
            return new SigningKeyHistory(keys);
        }
        if (current != null && current.validUntil() == null) {
            keys.set(keys.size() - 1, new SigningKey(current.fingerprint(), current.publicKeyDer(), current.validFrom(), now));
        }
        keys.add(new SigningKey(signer.fingerprint(), signer.publicKeyDer(), keys.isEmpty() ? since : now, null));
        // written whole: a crash mid-write must not lose the keys older digests need
        PrivateFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(keys));
        return new SigningKeyHistory(keys);
    }

    /**
     * Every key of the deployment's audit-digest-signing ring, each valid from when it was made (its id, {@code e<epoch
     * millis>}) until its successor was; after the keys of a history file of before the ring that the ring does not hold
     * (keys replaced before it was made), when there is one.
     *
     * @param earlier the history file beside the digest key file of before mayfly.keys; read only, may not exist
     */
    public static SigningKeyHistory ofRing(SigningKeyRing ring, Path earlier) throws IOException {
        List<Map.Entry<Instant, byte[]>> ringKeys = publicKeys(ring.publicKeys()).entrySet().stream()
                .map(key -> Map.entry(madeAt(key.getKey()), DigestSigner.publicKeyDer(key.getValue())))
                .sorted(Map.Entry.comparingByKey()).toList();
        List<SigningKey> keys = new ArrayList<>();
        Set<String> inRing = new HashSet<>();
        ringKeys.forEach(key -> inRing.add(DigestSigner.fingerprint(key.getValue())));
        if (Files.exists(earlier)) {
            for (SigningKey key : Json.mapper().readValue(Files.readString(earlier), new TypeReference<List<SigningKey>>() { })) {
                if (!inRing.contains(key.fingerprint())) {
                    keys.add(new SigningKey(key.fingerprint(), key.publicKeyDer(), key.validFrom(),
                            Objects.requireNonNullElse(key.validUntil(), ringKeys.getFirst().getKey())));
                }
            }
        }
        for (int i = 0; i < ringKeys.size(); i++) {
            byte[] der = ringKeys.get(i).getValue();
            keys.add(new SigningKey(DigestSigner.fingerprint(der), der, ringKeys.get(i).getKey(),
                    i + 1 < ringKeys.size() ? ringKeys.get(i + 1).getKey() : null));
        }
        return new SigningKeyHistory(keys);
    }

    /** When a ring key was made, from its id ({@code e<epoch millis>}); the epoch for an id that does not say. */
    private static Instant madeAt(String keyId) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(keyId.substring(1)));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Instant.EPOCH;
        }
    }

    /** The 32-byte public keys of a ring by key id, from its public file form. */
    static Map<String, byte[]> publicKeys(PublicKeyRing ring) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        ring.text().lines().filter(line -> line.contains(":")).forEach(line -> keys.put(line.substring(0, line.indexOf(':')),
                Base64.getDecoder().decode(line.substring(line.indexOf(':') + 1).strip())));
        return keys;
    }

    /** The keys that signed digests at some time from start to end, oldest first. */
    public List<SigningKey> signingWithin(Instant start, Instant end) {
        return keys.stream().filter(key -> key.signedWithin(start, end)).toList();
    }
}
