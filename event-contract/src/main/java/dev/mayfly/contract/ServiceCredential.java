package dev.mayfly.contract;

import dev.mayfly.privatefiles.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Mayfly service presents to the issuer's POST /mayfly/authorize to be answered: its name and a token the issuer
 * made for that name alone ({@code Authorization: MayflyService NAME:TOKEN}). Each caller has its own, kept in a file
 * readable by its owner only ({@code ./mayfly service-credential NAME} writes one).
 */
public record ServiceCredential(String name, String token) {

    private static final String SCHEME = "MayflyService ";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern PRESENTED = Pattern.compile(Pattern.quote(SCHEME) + "(" + NAME.pattern() + "):([0-9a-f]{64})");

    public ServiceCredential {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A service's name is lowercase letters, digits and dashes, starting with a letter: " + name);
        }
    }

    /** The credential in a file, as {@link #fileText} wrote it; refused when others may read the file. */
    public static ServiceCredential read(Path file) throws IOException {
        String text = PrivateFiles.read(file).strip();
        int colon = text.indexOf(':');
        if (colon < 1) {
            throw new IOException(file + " does not hold a service credential (NAME:TOKEN); write one with ./mayfly service-credential NAME");
        }
        return new ServiceCredential(text.substring(0, colon), text.substring(colon + 1));
    }

    /** What its file holds. */
    public String fileText() {
        return name + ":" + token + "\n";
    }

    /** The Authorization header that presents it. */
    public String header() {
        return SCHEME + name + ":" + token;
    }

    /** The credential an Authorization header presents; empty when it presents none in this scheme. */
    public static Optional<ServiceCredential> presentedIn(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher presented = PRESENTED.matcher(authorization);
        return presented.matches() ? Optional.of(new ServiceCredential(presented.group(1), presented.group(2))) : Optional.empty();
    }
}
