package dev.mayfly.cli;

import dev.mayfly.audit.AuditSettings;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.Settings;
import java.net.URI;

/**
 * Where the CLI finds each service's management listener (the admin API, /metrics): MAYFLY_ISSUER_MANAGEMENT_URL,
 * MAYFLY_AUDIT_MANAGEMENT_URL and MAYFLY_REVOCATION_MANAGEMENT_URL, as MAYFLY_ISSUER_URL and its kind find the public
 * ports; by default the management port on this machine that the service itself would take from the same settings,
 * which is where ./mayfly dev listens.
 */
public final class ManagementUrls {

    private ManagementUrls() {
    }

    public static URI issuer(Settings settings) {
        return url(settings, "MAYFLY_ISSUER_MANAGEMENT_URL", IssuerSettings.from(settings).management().port());
    }

    public static URI audit(Settings settings) {
        return url(settings, "MAYFLY_AUDIT_MANAGEMENT_URL", AuditSettings.from(settings).management().port());
    }

    public static URI revocation(Settings settings) {
        return url(settings, "MAYFLY_REVOCATION_MANAGEMENT_URL", RevocationSettings.from(settings).management().port());
    }

    private static URI url(Settings settings, String name, int defaultPort) {
        return URI.create(settings.string(name, "http://127.0.0.1:" + defaultPort));
    }
}
