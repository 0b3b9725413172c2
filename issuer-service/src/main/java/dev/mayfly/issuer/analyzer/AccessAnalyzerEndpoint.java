package dev.mayfly.issuer.analyzer;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.api.AccessAnalyzerErrors;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.AnalyzerCommands.CreateAnalyzer;
import dev.mayfly.issuer.api.AnalyzerCommands.DeleteAnalyzer;
import dev.mayfly.issuer.api.AnalyzerCommands.UpdateFindingStatuses;
import dev.mayfly.issuer.api.AnalyzerRef;
import dev.mayfly.issuer.api.FindingFilter;
import dev.mayfly.issuer.api.FindingFilter.ArchiveRule;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.SignedRequestAuthorizer;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.AnalyzerViews.AnalyzerView;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.audit.AuditedEndpoint;
import dev.mayfly.runtime.audit.CallAuditing;
import dev.mayfly.runtime.rest.RestRoutes;
import dev.mayfly.runtime.rest.Route;
import dev.mayfly.sigv4.SignatureParser;
import dev.mayfly.sigv4.SignedRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IAM Access Analyzer's API (REST JSON, signed with SigV4 for the service name {@code access-analyzer}), as its API
 * reference documents it, for findings on the roles' trust policies: CreateAnalyzer (type ACCOUNT: the account is the
 * zone of trust; its archive rules archive the findings they match, such as those of accounts the caller trusts),
 * ListAnalyzers, GetAnalyzer, DeleteAnalyzer, ListFindings (filtered, sorted, paged), GetFinding and UpdateFindings
 * (ARCHIVED or ACTIVE, by ids or by resource). Each is an IAM action access-analyzer:NAME on the analyzer's ARN, decided by
 * the caller's policies as every call is. An analyzer's and its findings' ARNs name the caller's own account: another
 * account's are not found, whether they exist or not.
 */
public final class AccessAnalyzerEndpoint extends AuditedEndpoint {

    /** The paths the issuer routes here: what AWS's model of the service names (its other operations answer 404). */
    public static final List<String> PATHS = List.of("/analyzer", "/finding");
    public static final RestRoutes ROUTES = RestRoutes.of(
            new Route("PUT", "/analyzer", "CreateAnalyzer"),
            new Route("GET", "/analyzer", "ListAnalyzers"),
            new Route("GET", "/analyzer/{analyzerName}", "GetAnalyzer"),
            new Route("DELETE", "/analyzer/{analyzerName}", "DeleteAnalyzer"),
            new Route("POST", "/finding", "ListFindings"),
            new Route("PUT", "/finding", "UpdateFindings"),
            new Route("GET", "/finding/{id}", "GetFinding"));
    static final String SERVICE = "access-analyzer";
    static final String EVENT_SOURCE = "access-analyzer.amazonaws.com";
    private static final Logger LOG = LoggerFactory.getLogger(AccessAnalyzerEndpoint.class);
    private static final String RESOURCE_TYPE = "AWS::AccessAnalyzer::Analyzer";
    private static final Pattern ANALYZER_ARN = Pattern.compile("arn:aws:access-analyzer:([a-z0-9-]{1,32}):(\\d{12}):analyzer/(.{1,255})");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Set<String> UNSUPPORTED_TYPES = Set.of("ORGANIZATION", "ACCOUNT_UNUSED_ACCESS", "ORGANIZATION_UNUSED_ACCESS");
    private static final int MAX_ARCHIVE_RULES = 10;
    private static final int MAX_IDS = 1000;
    /** The record of an UpdateFindings names at most so many of its ids (CloudTrail bounds a record's size). */
    private static final int MAX_RECORDED_IDS = 100;
    private static final Map<String, Comparator<Finding>> SORTABLE = Map.of(
            "id", Comparator.comparing(Finding::id), "resource", Comparator.comparing(Finding::resource),
            "status", Comparator.comparing(Finding::status), "createdAt", Comparator.comparing(Finding::createdAt),
            "analyzedAt", Comparator.comparing(Finding::analyzedAt), "updatedAt", Comparator.comparing(Finding::updatedAt));

    private final SignedRequestAuthorizer authorizer;
    private final IdentityDirectory directory;
    private final CommandGateway commands;

    public AccessAnalyzerEndpoint(SignedRequestAuthorizer authorizer, IdentityDirectory directory, CommandGateway commands,
                                  CallAuditing auditing) {
        super(EVENT_SOURCE, 64 * 1024, auditing);
        this.authorizer = authorizer;
        this.directory = directory;
        this.commands = commands;
    }

    @Override
    protected Outcome dispatch(HttpExchange exchange, byte[] body, Call call) {
        RestRoutes.Match match = ROUTES.operationOf(exchange);
        call.eventName = match.operation();
        try {
            return switch (match.operation()) {
                case "CreateAnalyzer" -> create(exchange, body, call);
                case "ListAnalyzers" -> listAnalyzers(exchange, body, call);
                case "GetAnalyzer" -> getAnalyzer(exchange, body, call, match.label("analyzerName"));
                case "DeleteAnalyzer" -> deleteAnalyzer(exchange, body, call, match.label("analyzerName"));
                case "ListFindings" -> listFindings(exchange, body, call);
                case "GetFinding" -> getFinding(exchange, body, call, match.label("id"));
                case "UpdateFindings" -> updateFindings(exchange, body, call);
                default -> throw new IllegalStateException("a route without a handler: " + match.operation());
            };
        } catch (AwsServiceException e) {
            throw inThisServiceWords(e);
        }
    }

    /**
     * The shared parts' errors as this service names them: a query string or a body that does not parse
     * (ValidationException), a refusal by policy (AccessDeniedException).
     */
    private static AwsServiceException inThisServiceWords(AwsServiceException e) {
        AwsServiceException renamed = switch (e.code()) {
            case "ValidationError", "MalformedQueryString", "SerializationException" -> AccessAnalyzerErrors.validation(e.getMessage());
            case "AccessDenied" -> new AwsServiceException("AccessDeniedException", e.getMessage(), 403);
            default -> null;
        };
        return renamed == null ? e : renamed.concerning(e.resources()).because(e.reason());
    }

    private Outcome create(HttpExchange exchange, byte[] body, Call call) {
        Caller caller = authenticate(exchange, body, call);
        JsonNode json = parseObject(body);
        RequestFields fields = new RequestFields(json);
        String name = analyzerName(fields.requiredString("analyzerName"), "analyzerName");
        String type = fields.requiredString("type");
        call.parameters = Map.of("analyzerName", name, "type", bounded(type));
        if (UNSUPPORTED_TYPES.contains(type)) {
            throw AccessAnalyzerErrors.validation("Mayfly serves analyzers of type ACCOUNT only (external access to the"
                    + " account's roles); " + type + " is not supported.");
        }
        if (!type.equals("ACCOUNT")) {
            throw RequestFields.invalid("type", "Member must satisfy enum value set: [ACCOUNT, ORGANIZATION,"
                    + " ACCOUNT_UNUSED_ACCESS, ORGANIZATION_UNUSED_ACCESS]");
        }
        Map<String, String> tags = fields.stringMap("tags", 50);
        List<ArchiveRule> archiveRules = archiveRules(json.get("archiveRules"));
        fields.optionalString("clientToken");
        AnalyzerRef ref = new AnalyzerRef(caller.accountId(), name);
        String arn = "arn:aws:access-analyzer:" + call.region + ":" + caller.accountId().value() + ":analyzer/" + name;
        authorize(caller, call, arn);
        commands.sendAndWait(new CreateAnalyzer(ref, arn, type, call.at, tags, archiveRules));
        LOG.info("analyzer {} created by {}", arn, caller.arn());
        return new Outcome(200, Map.of("arn", arn), Map.of("arn", arn), resources(arn, caller.accountId()));
    }

    private static List<ArchiveRule> archiveRules(JsonNode rules) {
        if (rules == null || rules.isNull()) {
            return List.of();
        }
        if (!rules.isArray() || rules.size() > MAX_ARCHIVE_RULES) {
            throw RequestFields.invalid("archiveRules", "Member must be a list of at most " + MAX_ARCHIVE_RULES + " rules");
        }
        List<ArchiveRule> parsed = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode rule : rules) {
            if (!rule.isObject()) {
                throw RequestFields.invalid("archiveRules", "Member must be a list of structures");
            }
            RequestFields fields = new RequestFields(rule);
            String ruleName = analyzerName(fields.requiredString("ruleName"), "archiveRules.ruleName");
            if (!names.add(ruleName)) {
                throw AccessAnalyzerErrors.validation("Duplicate archive rule name " + ruleName + ".");
            }
            FindingFilter filter = fields.filter("filter");
            if (filter.criteria().isEmpty()) {
                throw RequestFields.invalid("archiveRules.filter", "Member must not be null");
            }
            parsed.add(new ArchiveRule(ruleName, filter));
        }
        return parsed;
    }

    private Outcome listAnalyzers(HttpExchange exchange, byte[] body, Call call) {
        call.readOnly = true;
        Caller caller = authenticate(exchange, body, call);
        QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery(), null);
        String type = query.get("type");
        String token = query.get("nextToken");
        Integer max = query.get("maxResults") == null ? null : query.optionalInt("maxResults", "maxResults", 100);
        call.parameters = type == null ? Map.of() : Map.of("type", bounded(type));
        authorize(caller, call, "arn:aws:access-analyzer:" + call.region + ":" + caller.accountId().value() + ":analyzer/*");
        List<AnalyzerView> analyzers = directory.analyzersIn(caller.accountId()).stream()
                .filter(a -> type == null || a.type().equals(type)).toList();
        Page<AnalyzerView> page = Page.of(analyzers, token, max, 100);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("analyzers", page.items().stream().map(this::summary).toList());
        if (page.nextToken() != null) {
            answer.put("nextToken", page.nextToken());
        }
        return new Outcome(200, answer, null, List.of());
    }

    private Outcome getAnalyzer(HttpExchange exchange, byte[] body, Call call, String name) {
        call.readOnly = true;
        AnalyzerView analyzer = named(exchange, body, call, name);
        return new Outcome(200, Map.of("analyzer", summary(analyzer)), null, resources(analyzer.arn(), analyzer.accountId()));
    }

    private Outcome deleteAnalyzer(HttpExchange exchange, byte[] body, Call call, String name) {
        AnalyzerView analyzer = named(exchange, body, call, name);
        commands.sendAndWait(new DeleteAnalyzer(new AnalyzerRef(analyzer.accountId(), analyzer.name()), call.at));
        LOG.info("analyzer {} deleted by {}", analyzer.arn(), call.identity.arn());
        return new Outcome(200, null, null, resources(analyzer.arn(), analyzer.accountId()));
    }

    private Outcome listFindings(HttpExchange exchange, byte[] body, Call call) {
        call.readOnly = true;
        Caller caller = authenticate(exchange, body, call);
        JsonNode json = parseObject(body);
        RequestFields fields = new RequestFields(json);
        String analyzerArn = fields.requiredString("analyzerArn");
        call.parameters = Map.of("analyzerArn", bounded(analyzerArn));
        AnalyzerView analyzer = byArn(caller, call, analyzerArn);
        FindingFilter filter = fields.filter("filter");
        Comparator<Finding> order = sort(json.get("sort"));
        String token = fields.optionalString("nextToken").orElse(null);
        Integer max = fields.optionalInt("maxResults").orElse(null);
        List<Finding> findings = findings(analyzer).stream().filter(f -> filter.matches(f::valueOf)).sorted(order).toList();
        Page<Finding> page = Page.of(findings, token, max, 100);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("findings", page.items().stream().map(Finding::shown).toList());
        if (page.nextToken() != null) {
            answer.put("nextToken", page.nextToken());
        }
        return new Outcome(200, answer, null, resources(analyzer.arn(), analyzer.accountId()));
    }

    private static Comparator<Finding> sort(JsonNode sort) {
        Comparator<Finding> byDefault = Comparator.comparing(Finding::resource).thenComparing(Finding::id);
        if (sort == null || sort.isNull()) {
            return byDefault;
        }
        if (!sort.isObject()) {
            throw RequestFields.invalid("sort", "Member must be a structure");
        }
        RequestFields fields = new RequestFields(sort);
        String attribute = fields.optionalString("attributeName").orElse("resource");
        String orderBy = fields.optionalString("orderBy").orElse("ASC");
        Comparator<Finding> by = SORTABLE.get(attribute);
        if (by == null) {
            throw AccessAnalyzerErrors.validation("Findings cannot be sorted by " + bounded(attribute) + "; sortable: "
                    + new java.util.TreeSet<>(SORTABLE.keySet()) + ".");
        }
        if (!orderBy.equals("ASC") && !orderBy.equals("DESC")) {
            throw RequestFields.invalid("sort.orderBy", "Member must satisfy enum value set: [ASC, DESC]");
        }
        by = by.thenComparing(byDefault);
        return orderBy.equals("DESC") ? by.reversed() : by;
    }

    private Outcome getFinding(HttpExchange exchange, byte[] body, Call call, String id) {
        call.readOnly = true;
        Caller caller = authenticate(exchange, body, call);
        QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery(), null);
        String analyzerArn = query.get("analyzerArn");
        if (analyzerArn == null) {
            throw RequestFields.invalid("analyzerArn", "Member must not be null");
        }
        call.parameters = Map.of("id", bounded(id), "analyzerArn", bounded(analyzerArn));
        AnalyzerView analyzer = byArn(caller, call, analyzerArn);
        Finding finding = findings(analyzer).stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> AccessAnalyzerErrors.notFound("Finding " + bounded(id) + " not found."));
        return new Outcome(200, Map.of("finding", finding.shown()), null, resources(analyzer.arn(), analyzer.accountId()));
    }

    private Outcome updateFindings(HttpExchange exchange, byte[] body, Call call) {
        Caller caller = authenticate(exchange, body, call);
        RequestFields fields = new RequestFields(parseObject(body));
        String analyzerArn = fields.requiredString("analyzerArn");
        String status = fields.requiredString("status");
        List<String> ids = fields.stringList("ids", MAX_IDS);
        String resourceArn = fields.optionalString("resourceArn").orElse(null);
        fields.optionalString("clientToken");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("analyzerArn", bounded(analyzerArn));
        parameters.put("status", bounded(status));
        if (!ids.isEmpty()) {
            parameters.put("ids", ids.stream().limit(MAX_RECORDED_IDS).map(AccessAnalyzerEndpoint::bounded).toList());
        }
        if (resourceArn != null) {
            parameters.put("resourceArn", bounded(resourceArn));
        }
        call.parameters = parameters;
        AnalyzerView analyzer = byArn(caller, call, analyzerArn);
        if (!status.equals("ACTIVE") && !status.equals("ARCHIVED")) {
            throw RequestFields.invalid("status", "Member must satisfy enum value set: [ACTIVE, ARCHIVED]");
        }
        if (ids.isEmpty() == (resourceArn == null)) {
            throw AccessAnalyzerErrors.validation("Exactly one of ids and resourceArn must be given.");
        }
        List<Finding> findings = findings(analyzer);
        Map<String, Finding> byId = new LinkedHashMap<>();
        findings.forEach(f -> byId.put(f.id(), f));
        List<String> updated;
        if (resourceArn != null) {
            updated = findings.stream().filter(f -> f.resource().equals(resourceArn) && !f.status().equals("RESOLVED"))
                    .map(Finding::id).toList();
        } else {
            for (String id : ids) {
                if (!byId.containsKey(id)) {
                    throw AccessAnalyzerErrors.notFound("Finding " + bounded(id) + " not found.");
                }
            }
            updated = List.copyOf(new LinkedHashSet<>(ids));
        }
        if (!updated.isEmpty()) {
            commands.sendAndWait(new UpdateFindingStatuses(new AnalyzerRef(analyzer.accountId(), analyzer.name()), updated, status, call.at));
        }
        return new Outcome(200, null, Map.of("updatedFindings", updated.size()), resources(analyzer.arn(), analyzer.accountId()));
    }

    private List<Finding> findings(AnalyzerView analyzer) {
        return Findings.of(analyzer, directory.roleTrustIn(analyzer.accountId()));
    }

    /** An analyzer of the caller's account by name, once the caller may do the call's action on it. */
    private AnalyzerView named(HttpExchange exchange, byte[] body, Call call, String name) {
        Caller caller = authenticate(exchange, body, call);
        call.parameters = Map.of("analyzerName", bounded(name));
        analyzerName(name, "analyzerName");
        String arn = "arn:aws:access-analyzer:" + call.region + ":" + caller.accountId().value() + ":analyzer/" + name;
        authorize(caller, call, arn);
        return directory.analyzer(new AnalyzerRef(caller.accountId(), name))
                .orElseThrow(() -> AccessAnalyzerErrors.analyzerNotFound(name));
    }

    /**
     * An analyzer by ARN: the caller's own account's only (another account's is not found, and nothing says whether it
     * exists), once the caller may do the call's action on it.
     */
    private AnalyzerView byArn(Caller caller, Call call, String arn) {
        Matcher parts = ANALYZER_ARN.matcher(arn);
        if (!parts.matches()) {
            throw RequestFields.invalid("analyzerArn", "Member must satisfy regular expression pattern:"
                    + " [^:]*:[^:]*:[^:]*:[^:]*:[^:]*:analyzer/.{1,255}");
        }
        AccountId account = caller.accountId();
        AwsServiceException notFound = AccessAnalyzerErrors.notFound("Analyzer " + bounded(arn) + " not found.");
        if (!parts.group(2).equals(account.value())) {
            throw notFound.because("the analyzer ARN names another account");
        }
        authorize(caller, call, arn);
        return directory.analyzer(new AnalyzerRef(account, parts.group(3))).filter(a -> a.arn().equals(arn))
                .orElseThrow(() -> notFound);
    }

    private static String analyzerName(String name, String member) {
        if (!RequestFields.NAME.matcher(name).matches()) {
            throw RequestFields.invalid(member, "Member must satisfy regular expression pattern: [A-Za-z][A-Za-z0-9_.-]*"
                    + " and have length between 1 and 255");
        }
        return name;
    }

    private void authorize(Caller caller, Call call, String resource) {
        authorizer.authorize(caller, "access-analyzer:" + call.eventName, resource, call.sourceIp, call.secureTransport);
    }

    private Caller authenticate(HttpExchange exchange, byte[] body, Call call) {
        SignedRequest signed = SignedRequestAuthorizer.signedRequest(exchange, body);
        Caller caller = authorizer.authenticate(signed, SERVICE, identity -> call.identity = identity);
        call.verified(caller.userIdentity());
        throttle(call, "iam");
        String region = SignatureParser.parse(signed).scope().region();
        if (REGION.matcher(region).matches()) {
            call.region = region;
        }
        return caller;
    }

    private Map<String, Object> summary(AnalyzerView analyzer) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("arn", analyzer.arn());
        summary.put("name", analyzer.name());
        summary.put("type", analyzer.type());
        summary.put("createdAt", analyzer.createdAt().toString());
        directory.roleTrustIn(analyzer.accountId()).stream()
                .flatMap(role -> role.exposures().values().stream().map(h -> Map.entry(role.roleArn(), h.analyzedAt())))
                .max(Map.Entry.comparingByValue())
                .ifPresent(last -> {
                    summary.put("lastResourceAnalyzed", last.getKey());
                    summary.put("lastResourceAnalyzedAt", (last.getValue().isAfter(analyzer.createdAt()) ? last.getValue()
                            : analyzer.createdAt()).toString());
                });
        summary.put("tags", analyzer.tags());
        summary.put("status", "ACTIVE");
        return summary;
    }

    private static List<Resource> resources(String arn, AccountId account) {
        return List.of(new Resource(arn, account.value(), RESOURCE_TYPE));
    }

    private static String bounded(String value) {
        return value.length() > 256 ? value.substring(0, 256) : value;
    }

    @Override
    protected byte[] errorBody(Failure failure, Call call) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("__type", failure.code());
        error.put("message", failure.message());
        if (failure.code().equals("ValidationException")) {
            error.put("reason", failure.message().contains("not supported") ? "notSupported" : "fieldValidationFailed");
        }
        return Json.mapper().writeValueAsBytes(error);
    }
}
