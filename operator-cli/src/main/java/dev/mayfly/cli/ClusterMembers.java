package dev.mayfly.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The issuers that ./mayfly dev --issuers N runs, in $MAYFLY_HOME/{@value #FILE} while it runs: what ./mayfly status
 * shows one by one and what ./mayfly bench failover kills one of. One line an issuer, "NAME PID URL MANAGEMENT_URL".
 * No file: a single issuer (./mayfly dev), or no dev mode at all.
 */
public final class ClusterMembers {

    public static final String FILE = "cluster-members";

    /**
     * @param url        where it serves STS and IAM itself, beside the round-robin listener in front of all of them
     * @param management its management listener
     */
    public record Member(String name, long pid, URI url, URI management) {
    }

    private ClusterMembers() {
    }

    public static void write(Path home, List<Member> members) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Member member : members) {
            text.append(member.name()).append(' ').append(member.pid()).append(' ').append(member.url()).append(' ')
                    .append(member.management()).append('\n');
        }
        Files.writeString(home.resolve(FILE), text);
    }

    /** The issuers of the cluster dev mode running on this home, or none. */
    public static List<Member> read(Path home) {
        try {
            return Files.readAllLines(home.resolve(FILE)).stream().filter(line -> !line.isBlank()).map(line -> {
                String[] fields = line.trim().split(" ");
                return new Member(fields[0], Long.parseLong(fields[1]), URI.create(fields[2]), URI.create(fields[3]));
            }).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path home) {
        try {
            Files.deleteIfExists(home.resolve(FILE));
        } catch (IOException e) {
            // a stale file names processes that are gone: status says they are unreachable
        }
    }
}
