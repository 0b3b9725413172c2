package dev.mayfly.deploymentkeys;

import java.util.List;

/**
 * One key ring as mayfly.keys holds it: every key still in use, oldest first, the last one current, in the line form of
 * Mayfly's key files ({@code keyId:base64(key)}); and its generation, one more at each change, so that a process never
 * goes back to an older ring published again.
 *
 * @param name       the ring's name, the record's key: session-token, issuer-signing, ...
 * @param generation 1 when made, one more at each rotation or replacement
 * @param keys       the key lines: secret, never logged ({@link #toString()} leaves them out)
 */
public record StoredRing(String name, long generation, String keys) {

    public StoredRing {
        if (name == null || name.isBlank() || keys == null || keys.isBlank()) {
            throw new IllegalArgumentException("a stored ring has a name and at least one key");
        }
    }

    /** The ids of its keys, oldest first: what operators see of a ring. */
    public List<String> keyIds() {
        return keys.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.substring(0, Math.max(0, line.indexOf(':')))).toList();
    }

    /** The id of the key that seals or signs: the newest. */
    public String currentKeyId() {
        return keyIds().getLast();
    }

    /** The ring's name, generation and key ids; never a key. */
    @Override
    public String toString() {
        return name + " generation " + generation + " " + keyIds();
    }
}
