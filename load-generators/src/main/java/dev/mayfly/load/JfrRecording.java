package dev.mayfly.load;

import dev.mayfly.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java Flight Recorder recording in the platform's JVM for a measured phase, started and stopped from outside with the
 * JDK's jcmd (same user, same machine): the platform needs no flag and no restart, and the file is written by the
 * platform's JVM when the recording stops.
 */
final class JfrRecording {

    private static final String NAME = "mayfly-bench";
    private final long pid;

    private JfrRecording(long pid) {
        this.pid = pid;
    }

    /** Starts a recording with the JDK's "profile" settings (method sampling every 10 ms among them) into the file. */
    static JfrRecording start(long pid, Path file) {
        JfrRecording recording = new JfrRecording(pid);
        recording.jcmd("JFR.start", "name=" + NAME, "settings=profile", "filename=" + file.toAbsolutePath());
        return recording;
    }

    /** Stops the recording, which writes its file. */
    void stop() {
        jcmd("JFR.stop", "name=" + NAME);
    }

    private void jcmd(String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("Could not")) {
                throw new CliException("jcmd " + String.join(" ", command) + " failed on process " + pid + ": " + output.trim());
            }
        } catch (IOException e) {
            throw new CliException("jcmd could not be run (" + jcmd + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }
}
