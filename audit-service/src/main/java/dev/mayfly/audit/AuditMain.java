package dev.mayfly.audit;

import dev.mayfly.runtime.Settings;

/** Runs the audit service on its own, configured by environment variables (see {@link AuditSettings}). */
public final class AuditMain {

    private AuditMain() {
    }

    public static void main(String[] args) throws Exception {
        AuditService audit = AuditService.start(AuditSettings.from(Settings.fromEnvironment()));
        Runtime.getRuntime().addShutdownHook(new Thread(audit::close, "audit-shutdown"));
    }
}
