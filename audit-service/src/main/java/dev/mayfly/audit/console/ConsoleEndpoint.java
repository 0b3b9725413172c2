package dev.mayfly.audit.console;

import dev.mayfly.runtime.StaticPages;
import java.util.Map;

/**
 * GET /console/: the web console's static files (HTML, CSS, JavaScript modules), from the classpath. The pages hold
 * no data and no secret; they call the JSON API, signed in the browser. A strict Content-Security-Policy allows only
 * this origin's scripts and calls, and no framing.
 */
public final class ConsoleEndpoint extends StaticPages {

    public static final String PATH = "/console";

    public ConsoleEndpoint() {
        super(PATH, "/console/", Map.of(
                "index.html", "text/html; charset=utf-8",
                "console.js", "text/javascript; charset=utf-8",
                "sigv4.js", "text/javascript; charset=utf-8",
                "chart.js", "text/javascript; charset=utf-8",
                "export.js", "text/javascript; charset=utf-8",
                "console.css", "text/css; charset=utf-8"));
    }
}
