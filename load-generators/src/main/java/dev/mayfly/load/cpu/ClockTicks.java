package dev.mayfly.load.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The clock ticks a second that Linux's /proc counts CPU time in (sysconf(_SC_CLK_TCK)), as getconf tells it. */
final class ClockTicks {

    /** What Linux has used on every architecture for a long time, for when getconf is missing. */
    static final long LINUX_DEFAULT = 100;

    private ClockTicks() {
    }

    static long perSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0 && answer.matches("[1-9]\\d{0,5}")) {
                return Long.parseLong(answer);
            }
        } catch (IOException e) {
            // no getconf: the default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return LINUX_DEFAULT;
    }
}
