package dev.mayfly.load.cpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Which process of this machine listens on a TCP port, from Linux's /proc: the socket's inode in /proc/net/tcp or tcp6,
 * then the process whose open files hold that socket. Only processes whose files this user may read are found.
 */
public final class ListeningProcess {

    /** /proc/net/tcp's state of a listening socket. */
    private static final String LISTEN = "0A";

    private ListeningProcess() {
    }

    /** The process listening on the port, if one is found. */
    public static OptionalLong onPort(int port) {
        return onPort(Path.of("/proc"), port);
    }

    static OptionalLong onPort(Path proc, int port) {
        for (String table : List.of("tcp", "tcp6")) {
            Optional<Long> inode = listeningInode(read(proc.resolve("net").resolve(table)), port);
            if (inode.isPresent()) {
                return owner(proc, "socket:[" + inode.get() + "]");
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The inode of the socket listening on the port in a /proc/net/tcp or tcp6 table; its columns: sl, local_address
     * (address:port, hexadecimal), rem_address, st, tx_queue:rx_queue, tr:tm->when, retrnsmt, uid, timeout, inode.
     */
    static Optional<Long> listeningInode(String table, int port) {
        return table.lines().skip(1).map(String::trim).map(line -> line.split("\\s+")).filter(columns -> columns.length > 9)
                .filter(columns -> columns[3].equals(LISTEN))
                .filter(columns -> Integer.parseInt(columns[1].substring(columns[1].lastIndexOf(':') + 1), 16) == port)
                .map(columns -> Long.parseLong(columns[9])).filter(inode -> inode != 0).findFirst();
    }

    private static OptionalLong owner(Path proc, String socket) {
        try (Stream<Path> processes = Files.list(proc)) {
            for (Path process : processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                if (holds(process.resolve("fd"), socket)) {
                    return OptionalLong.of(Long.parseLong(process.getFileName().toString()));
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean holds(Path fds, String socket) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(fds)) {
            for (Path fd : files) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(socket)) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed while read: not it
                }
            }
        } catch (IOException e) {
            // another user's process, or ended: not one this user may see
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
