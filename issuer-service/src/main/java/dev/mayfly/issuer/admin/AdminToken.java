package dev.mayfly.issuer.admin;

import dev.mayfly.privatefiles.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's admin token, as its file holds it now. The file is the truth: an operator rotates the token by writing
 * a new one there (./mayfly admin-token rotate, or a secret store that updates a mounted file), and every issuer that
 * reads the file takes the new one at its next admin call, the old one refused from then on; no restart. The file is
 * read again only when it changed (its identity, time or size). Compared in constant time. A file that cannot be read
 * (gone, or readable by others: {@link PrivateFiles#read}), or holds nothing, admits nobody: the operator who removes it
 * means no admin access.
 */
public final class AdminToken {

    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
    private static final Loaded NONE = new Loaded(null, null, -1, null);

    private final Path file;
    private volatile Loaded loaded = NONE;

    /** What the file held when it was last read; bearer null when it held no token. */
    private record Loaded(Object fileKey, FileTime modified, long size, byte[] bearer) {

        boolean isOf(BasicFileAttributes attributes) {
            return Objects.equals(fileKey, attributes.fileKey()) && attributes.lastModifiedTime().equals(modified)
                    && attributes.size() == size;
        }
    }

    public AdminToken(Path file) {
        this.file = file;
    }

    /** Whether an Authorization header carries the token the file holds now. */
    boolean admits(String authorization) {
        byte[] bearer = current().bearer();
        return bearer != null && authorization != null && MessageDigest.isEqual(bearer, authorization.getBytes(StandardCharsets.UTF_8));
    }

    private Loaded current() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Loaded last = loaded;
            if (last.isOf(attributes)) {
                return last;
            }
            String token = PrivateFiles.read(file).strip();
            Loaded now = new Loaded(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(),
                    token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
            if (last != NONE) {
                LOG.info("admin token read again from {}: it changed", file);
            }
            loaded = now;
            return now;
        } catch (IOException e) {
            LOG.warn("admin token file {} cannot be read ({}): no admin call is admitted until it can", file, e.getMessage());
            loaded = NONE;
            return NONE;
        }
    }
}
