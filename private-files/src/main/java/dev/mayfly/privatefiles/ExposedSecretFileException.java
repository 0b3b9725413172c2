package dev.mayfly.privatefiles;

import java.io.IOException;
import java.nio.file.Path;

/** A secret's file that its group or others may read or write: refused at load, with the command that mends it. */
public final class ExposedSecretFileException extends IOException {

    public ExposedSecretFileException(Path file, String permissions) {
        super(file + " holds a secret but its group or others may access it (" + permissions + "): Mayfly refuses to load it. "
                + "Make it its owner's only: chmod 600 " + file);
    }
}
