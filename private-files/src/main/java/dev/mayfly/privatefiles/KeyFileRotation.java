package dev.mayfly.privatefiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rotation of a key file of one key a line, oldest first ({@code keyId:material}), whose last key is the one in use:
 * a new key is appended, and the keys retired long enough that nothing they made can still be in use are dropped.
 * Key ids carry the time they were made (a letter, then epoch milliseconds: {@code k1765000000000}); a key whose
 * successor's id does not say when it was made is kept.
 */
public final class KeyFileRotation {

    private KeyFileRotation() {
    }

    /**
     * Appends the new key line and drops each key whose successor has been in use for longer than {@code keepRetired}.
     * The file is replaced whole: a reader that loads it mid-rotation reads the old keys or the new ones.
     *
     * @return the file's text as it now is
     */
    public static String rotate(Path file, Instant now, String newKeyLine, Duration keepRetired) throws IOException {
        String text = rotated(PrivateFiles.read(file), now, newKeyLine, keepRetired);
        PrivateFiles.write(file, text);
        return text;
    }

    /**
     * The ring's text after a rotation, wherever the ring is kept (a file here, a sealed record on a topic elsewhere):
     * the new key line appended, each key whose successor has been in use for longer than {@code keepRetired} dropped.
     */
    public static String rotated(String text, Instant now, String newKeyLine, Duration keepRetired) {
        List<String> lines = new ArrayList<>(text.lines()
                .filter(line -> !line.isBlank() && !line.strip().startsWith("#")).map(String::strip).toList());
        lines.add(newKeyLine.strip());
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Instant successorSince = i + 1 < lines.size() ? madeAt(lines.get(i + 1)) : null;
            if (successorSince == null || !successorSince.plus(keepRetired).isBefore(now)) {
                kept.add(lines.get(i));
            }
        }
        return String.join("\n", kept) + "\n";
    }

    /** When a key was made, from its id; null when its id does not say. */
    private static Instant madeAt(String line) {
        String id = line.substring(0, Math.max(0, line.indexOf(':')));
        try {
            return id.length() > 1 && Character.isLetter(id.charAt(0)) ? Instant.ofEpochMilli(Long.parseLong(id.substring(1))) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
