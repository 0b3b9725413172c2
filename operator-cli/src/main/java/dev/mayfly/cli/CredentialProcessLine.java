package dev.mayfly.cli;

import dev.mayfly.runtime.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code credential_process} line that gives the AWS CLI and SDKs a workload's credentials through
 * ./mayfly credential-process. Every path in it is absolute, because the CLI runs it from wherever the user happens
 * to be; the launcher is the script that ran this command (MAYFLY_LAUNCHER, which ./mayfly and bin/mayfly set).
 * Words are quoted for POSIX shells, which is how both botocore (shlex) and the Java SDK (sh -c) split the line.
 */
final class CredentialProcessLine {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:@%+,-]+");

    private CredentialProcessLine() {
    }

    static String of(Settings settings, Path tokenFile) {
        List<String> words = new ArrayList<>();
        String truststore = settings.string("MAYFLY_TLS_TRUSTSTORE", "");
        if (!truststore.isEmpty()) {
            words.add("env");
            words.add("MAYFLY_TLS_TRUSTSTORE=" + Path.of(truststore).toAbsolutePath());
        }
        String launcher = settings.string("MAYFLY_LAUNCHER", "");
        // without a launcher (the CLI started by hand with java), the user's PATH has to find mayfly
        words.add(launcher.isEmpty() ? "mayfly" : Path.of(launcher).toAbsolutePath().normalize().toString());
        words.add("credential-process");
        words.add("--token-file");
        words.add(tokenFile.toAbsolutePath().normalize().toString());
        return String.join(" ", words.stream().map(CredentialProcessLine::quoted).toList());
    }

    private static String quoted(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
