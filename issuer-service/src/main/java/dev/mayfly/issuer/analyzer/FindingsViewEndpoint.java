package dev.mayfly.issuer.analyzer;

import dev.mayfly.runtime.StaticPages;
import java.util.Map;

/**
 * GET /mayfly/access-analyzer/: a page that shows the account's Access Analyzer findings (and archives them), from this
 * issuer's own origin, so that it calls the Access Analyzer API with no cross-origin request: the audit console's
 * Content-Security-Policy allows only its own origin, and the issuer is another. The page holds no data and no secret;
 * its calls are signed in the browser with the user's key (the audit console's signer and style, shared at build time).
 */
public final class FindingsViewEndpoint extends StaticPages {

    public static final String PATH = "/mayfly/access-analyzer";

    public FindingsViewEndpoint() {
        super(PATH, "/access-analyzer-console/", Map.of(
                "index.html", "text/html; charset=utf-8",
                "findings.js", "text/javascript; charset=utf-8",
                "sigv4.js", "text/javascript; charset=utf-8",
                "console.css", "text/css; charset=utf-8"));
    }
}
