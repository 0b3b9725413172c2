package dev.mayfly.audit.integrity;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mayfly.contract.Json;
import dev.mayfly.privatefiles.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every key that has signed digests and when it did: what ListPublicKeys answers, so that digests signed before the
 * signing key was replaced still validate. Kept in a file beside the signing key, never in Elasticsearch: whoever could
 * add a public key to this list could sign forged digests that validate.
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

    /** The keys that signed digests at some time from start to end, oldest first. */
    public List<SigningKey> signingWithin(Instant start, Instant end) {
        return keys.stream().filter(key -> key.signedWithin(start, end)).toList();
    }
}
