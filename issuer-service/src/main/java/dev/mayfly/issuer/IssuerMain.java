package dev.mayfly.issuer;

import dev.mayfly.runtime.Settings;
import java.time.Clock;

/** Runs the issuer on its own, configured by environment variables (see {@link IssuerSettings}). */
public final class IssuerMain {

    private IssuerMain() {
    }

    public static void main(String[] args) throws Exception {
        IssuerService issuer = IssuerService.start(IssuerSettings.from(Settings.fromEnvironment()), Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "issuer-shutdown"));
    }
}
