package dev.mayfly.revocation;

import dev.mayfly.runtime.Settings;
import java.time.Clock;

/** Runs the revocation service on its own, configured by environment variables (see {@link RevocationSettings}). */
public final class RevocationMain {

    private RevocationMain() {
    }

    public static void main(String[] args) throws Exception {
        RevocationService service = RevocationService.start(RevocationSettings.from(Settings.fromEnvironment()), Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "revocation-shutdown"));
    }
}
