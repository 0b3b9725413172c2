package dev.mayfly.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsTrust;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * ./mayfly policy: least privilege from the trail. generate prints the policy that allows only what a principal used
 * (the audit API's GeneratePolicy); unused lists the users, roles and access keys of the account not used for N days,
 * and per principal the granted actions it did not use: IAM says who exists and what each is granted
 * (GetAccountAuthorizationDetails, ListAccessKeys, GetAccessKeyLastUsed), the trail who was active and with what
 * (ListPrincipalActivity), and {@link UnusedAccess} compares them.
 */
public final class PolicyCommand {

    static final String USAGE = """
            Usage: ./mayfly policy generate --principal ARN --since 7d|ISO-8601 [--until 1d|ISO-8601]
                   ./mayfly policy unused --account ACCOUNT_ID --days N [--json]
            generate prints the IAM policy (JSON) that allows only the actions the principal used successfully in the
            window, on the resources its audit records name ("*" where they name none), as IAM Access Analyzer's
            policy generation does. ARN: a user (arn:aws:iam::ACCOUNT:user/NAME), a role with every session of it
            (arn:aws:iam::ACCOUNT:role/NAME) or one role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION).
            --since and --until: a time, or a span before now (30m, 12h, 7d); --until defaults to now; at most 90 days.
            unused lists the account's users, roles and access keys not used in the last N days (1 to 90), and the
            actions each user and role is granted and did not use; --json for machines.
            Both sign with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the dev profile) and read the trail of that
            account only; the credentials need cloudtrail:LookupEvents, and unused also iam:GetAccountAuthorizationDetails,
            iam:ListAccessKeys and iam:GetAccessKeyLastUsed.""";
    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})([mhd])");
    private static final int MAX_DAYS = 90;

    private PolicyCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        return run(args, settings, out, err, Clock.systemUTC());
    }

    static int run(String[] args, Settings settings, PrintStream out, PrintStream err, Clock clock) {
        String command = args.length > 0 ? args[0] : "";
        Map<String, String> options = options(args, command.equals("generate") ? Set.of("--principal", "--since", "--until")
                : Set.of("--account", "--days"), Set.of("--json"));
        if (options == null || command.equals("generate") && (!options.containsKey("--principal") || !options.containsKey("--since"))
                || command.equals("unused") && (!options.containsKey("--account") || !options.containsKey("--days"))
                || !command.equals("generate") && !command.equals("unused")) {
            err.println(USAGE);
            return 2;
        }
        CliCredentials credentials = CliCredentials.resolve(settings);
        String auditUrl = settings.string("MAYFLY_AUDIT_URL", "http://127.0.0.1:" + AuditSettings.from(settings).port());
        QueryClient audit = new QueryClient(URI.create(auditUrl), credentials, TlsTrust.from(settings));
        // whole seconds: records hold no finer times, and the report shows the window to a person
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (command.equals("generate")) {
            return generate(options, audit, auditUrl, now, out, err);
        }
        return unused(options, settings, credentials, audit, auditUrl, now, out);
    }

    private static int generate(Map<String, String> options, QueryClient audit, String auditUrl, Instant now, PrintStream out, PrintStream err) {
        Instant since = time(options.get("--since"), "--since", now);
        Instant until = options.containsKey("--until") ? time(options.get("--until"), "--until", now) : now;
        String request = Json.mapper().createObjectNode().put("PrincipalArn", options.get("--principal"))
                .put("StartTime", since.toString()).put("EndTime", until.toString()).toString();
        JsonNode generated = AuditCommand.call(audit, auditUrl, "GeneratePolicy", request);
        try {
            out.println(Json.mapper().readTree(generated.path("Policy").asText()).toPrettyString());
        } catch (IOException e) {
            throw new CliException("The audit service answered a policy that is not JSON.");
        }
        err.println("From " + generated.path("CallsAnalyzed").asLong() + " successful call(s) of " + options.get("--principal") + " between "
                + since + " and " + until + ": " + generated.path("ActionsUsed").asLong() + " action(s).");
        if (generated.path("ActionsUsed").asLong() == 0) {
            err.println("No call in the window needed a permission: a policy with no statement allows nothing.");
        }
        if (!generated.path("IsComplete").asBoolean(true)) {
            err.println("Incomplete: the principal used more distinct actions than one generation lists; use a shorter window.");
        }
        return 0;
    }

    private static int unused(Map<String, String> options, Settings settings, CliCredentials credentials, QueryClient audit, String auditUrl,
                              Instant now, PrintStream out) {
        int days = days(options.get("--days"));
        String account = AuditCommand.callerAccount(settings, credentials);
        if (!options.get("--account").equals(account)) {
            throw new CliException("These credentials are account " + account + "'s, and IAM and audit data are read per account: use "
                    + "credentials of account " + options.get("--account") + ".");
        }
        String issuerUrl = settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + IssuerSettings.from(settings).port());
        QueryClient iam = new QueryClient(URI.create(issuerUrl), credentials, TlsTrust.from(settings));
        Instant since = now.minus(Duration.ofDays(days));
        List<String> pages = new ArrayList<>();
        String marker = null;
        do {
            Map<String, String> parameters = marker == null ? Map.of() : Map.of("Marker", marker);
            String page = iam(iam, issuerUrl, "GetAccountAuthorizationDetails", parameters);
            pages.add(page);
            Element result = IamXml.at(IamXml.parse(page), "GetAccountAuthorizationDetailsResult");
            marker = "true".equals(IamXml.text(result, "IsTruncated")) ? IamXml.text(result, "Marker") : null;
        } while (marker != null);
        AccountAuthorization authorization = AccountAuthorization.of(pages);
        List<UnusedAccess.AccessKey> keys = new ArrayList<>();
        for (AccountAuthorization.Principal user : authorization.principals().stream().filter(p -> !p.isRole()).toList()) {
            keys.addAll(accessKeys(iam, issuerUrl, user.name()));
        }
        JsonNode activity = AuditCommand.call(audit, auditUrl, "ListPrincipalActivity",
                Json.mapper().createObjectNode().put("StartTime", since.toString()).put("EndTime", now.toString()).toString());
        UnusedAccess report = UnusedAccess.of(authorization, keys, activity, since);
        out.print(options.containsKey("--json") ? report.json(account, days).toPrettyString() + "\n" : report.text(account, days));
        return 0;
    }

    /** The user's access keys, each with IAM's own last-used date. */
    private static List<UnusedAccess.AccessKey> accessKeys(QueryClient iam, String url, String userName) {
        List<UnusedAccess.AccessKey> keys = new ArrayList<>();
        Element listed = IamXml.at(IamXml.parse(iam(iam, url, "ListAccessKeys", Map.of("UserName", userName))), "ListAccessKeysResult");
        for (Element key : IamXml.members(listed, "AccessKeyMetadata")) {
            String id = IamXml.text(key, "AccessKeyId");
            Element used = IamXml.at(IamXml.parse(iam(iam, url, "GetAccessKeyLastUsed", Map.of("AccessKeyId", id))),
                    "GetAccessKeyLastUsedResult", "AccessKeyLastUsed");
            String lastUsed = IamXml.text(used, "LastUsedDate");
            keys.add(new UnusedAccess.AccessKey(id, userName, IamXml.text(key, "Status"),
                    lastUsed == null || lastUsed.isEmpty() ? null : Instant.parse(lastUsed)));
        }
        return keys;
    }

    private static String iam(QueryClient iam, String url, String action, Map<String, String> parameters) {
        try {
            HttpResponse<String> response = iam.call("iam", "2010-05-08", action, new HashMap<>(parameters));
            if (response.statusCode() != 200) {
                throw new CliException("IAM refused " + action + ": " + response.body());
            }
            return response.body();
        } catch (ConnectException e) {
            throw new CliException("The issuer is not running at " + url + ": start Mayfly with ./mayfly dev");
        } catch (IOException e) {
            throw new CliException("Could not reach the issuer at " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    private static int days(String text) {
        try {
            int days = Integer.parseInt(text);
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new CliException("--days is a whole number of days from 1 to " + MAX_DAYS + " (the trail is analyzed 90 days at most).");
    }

    /** An ISO-8601 time, or a span before now: 30m, 12h, 7d. */
    static Instant time(String text, String option, Instant now) {
        Matcher span = SPAN.matcher(text);
        if (span.matches()) {
            long amount = Long.parseLong(span.group(1));
            return now.minus(switch (span.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(option + " is a time (2026-12-01T00:00:00Z) or a span before now (30m, 12h, 7d).");
        }
    }

    /** --name value pairs and flags; null when they do not pair up or a name is unknown. */
    private static Map<String, String> options(String[] args, Set<String> valued, Set<String> flags) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (flags.contains(args[i])) {
                options.put(args[i], "");
            } else if (valued.contains(args[i]) && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                return null;
            }
        }
        return options;
    }
}
