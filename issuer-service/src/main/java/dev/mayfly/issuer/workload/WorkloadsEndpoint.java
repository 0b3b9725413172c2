package dev.mayfly.issuer.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.api.WorkloadCommands.DeleteWorkload;
import dev.mayfly.issuer.api.WorkloadCommands.RegisterWorkload;
import dev.mayfly.issuer.api.WorkloadCommands.RevokeWorkloadToken;
import dev.mayfly.issuer.api.WorkloadCommands.RotateWorkloadToken;
import dev.mayfly.issuer.api.WorkloadOidcIdentity;
import dev.mayfly.issuer.api.WorkloadRef;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.SignedRequestAuthorizer;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.WorkloadView;
import dev.mayfly.issuer.query.WorkloadDirectory;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.audit.AuditedEndpoint;
import dev.mayfly.runtime.audit.CallAuditing;
import dev.mayfly.runtime.rest.RestRoutes;
import dev.mayfly.runtime.rest.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workload management API, signed with SigV4 for the service name {@code workloads} and authorized by the
 * caller's IAM policies (actions workloads:*, resource arn:aws:workloads::ACCOUNT:workload/NAME):
 * <ul>
 *   <li>POST /mayfly/workloads {"Name", "RoleArn", "RoleSessionName"?, "DurationSeconds"?, "AllowedSourceCidrs"?,
 *       "OidcIdentity"?}: CreateWorkload, which also needs iam:PassRole on the role (whoever registers a workload hands it
 *       the role); answers 201 {"Workload", "CredentialsUri", "AuthorizationToken"}, without a token for a workload with an
 *       OIDC identity {"ProviderArn", "Namespace", "ServiceAccount"} (an OpenID Connect provider of the account, and the
 *       Kubernetes service account whose tokens prove the workload);</li>
 *   <li>GET /mayfly/workloads (ListWorkloads) and GET /mayfly/workloads/NAME (GetWorkload);</li>
 *   <li>POST /mayfly/workloads/NAME/token (RotateWorkloadToken): a new token, the old one dead at once;</li>
 *   <li>DELETE /mayfly/workloads/NAME/token (RevokeWorkloadToken) and DELETE /mayfly/workloads/NAME (DeleteWorkload).</li>
 * </ul>
 * The token appears in the answer that creates it and nowhere else: not in the record, not in any event.
 */
public final class WorkloadsEndpoint extends AuditedEndpoint {

    public static final String PATH = "/mayfly/workloads";
    /** The API's operations: what service-models/mayfly-workloads describes. */
    public static final RestRoutes ROUTES = RestRoutes.of(
            new Route("POST", PATH, "CreateWorkload"),
            new Route("GET", PATH, "ListWorkloads"),
            new Route("GET", PATH + "/{Name}", "GetWorkload"),
            new Route("DELETE", PATH + "/{Name}", "DeleteWorkload"),
            new Route("POST", PATH + "/{Name}/token", "RotateWorkloadToken"),
            new Route("DELETE", PATH + "/{Name}/token", "RevokeWorkloadToken"));
    static final String SERVICE = "workloads";
    static final String EVENT_SOURCE = "workloads.mayfly";
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadsEndpoint.class);
    private static final String RESOURCE_TYPE = "Mayfly::Workloads::Workload";

    private final SignedRequestAuthorizer authorizer;
    /**
     * The most workloads one account may register, as IAM bounds roles (1,000): every issuer holds every workload in
     * memory, and one tenant registering in a loop must not exhaust what all tenants share.
     */
    static final int MAX_WORKLOADS_PER_ACCOUNT = 1000;

    private final WorkloadDirectory workloads;
    private final IdentityDirectory directory;
    private final CommandGateway commands;

    public WorkloadsEndpoint(SignedRequestAuthorizer authorizer, WorkloadDirectory workloads, IdentityDirectory directory,
                             CommandGateway commands, CallAuditing auditing) {
        super(EVENT_SOURCE, 16 * 1024, auditing);
        this.authorizer = authorizer;
        this.workloads = workloads;
        this.directory = directory;
        this.commands = commands;
    }

    @Override
    protected Outcome dispatch(HttpExchange exchange, byte[] body, Call call) {
        RestRoutes.Match match = ROUTES.operationOf(exchange);
        call.eventName = match.operation();
        return switch (match.operation()) {
            case "CreateWorkload" -> create(exchange, body, call);
            case "ListWorkloads" -> {
                call.readOnly = true;
                yield list(exchange, body, call);
            }
            case "GetWorkload" -> {
                call.readOnly = true;
                yield get(exchange, body, call, match.label("Name"));
            }
            case "DeleteWorkload" -> delete(exchange, body, call, match.label("Name"));
            case "RotateWorkloadToken" -> rotate(exchange, body, call, match.label("Name"));
            case "RevokeWorkloadToken" -> revoke(exchange, body, call, match.label("Name"));
            default -> throw new IllegalStateException("a route without a handler: " + match.operation());
        };
    }

    private Outcome list(HttpExchange exchange, byte[] body, Call call) {
        Caller caller = authorized(exchange, body, call, "*");
        List<Map<String, Object>> views = workloads.workloadsIn(caller.accountId()).stream().map(w -> view(w, exchange)).toList();
        return new Outcome(200, Map.of("Workloads", views), null, List.of());
    }

    private Outcome create(HttpExchange exchange, byte[] body, Call call) {
        JsonNode json = parseObject(body);
        call.parameters = requestParameters(json);
        RegisterWorkloadRequest request = RegisterWorkloadRequest.from(json);
        Caller caller = authenticate(exchange, body, call);
        WorkloadRef ref = new WorkloadRef(caller.accountId(), request.name());
        authorizer.authorize(caller, "workloads:CreateWorkload", ref.arn(), call.sourceIp, call.secureTransport);
        authorizer.authorize(caller, "iam:PassRole", request.roleArn().toString(), call.sourceIp, call.secureTransport);
        if (workloads.workloadsIn(caller.accountId()).size() >= MAX_WORKLOADS_PER_ACCOUNT) {
            throw IamErrors.limitExceeded("Cannot exceed quota for WorkloadsPerAccount: " + MAX_WORKLOADS_PER_ACCOUNT);
        }
        WorkloadOidcIdentity oidcIdentity = request.oidcIdentity();
        if (oidcIdentity != null) {
            requireProviderOf(caller, oidcIdentity.providerArn());
        }
        // a workload with an OIDC identity proves itself with its service account's tokens: it is handed no token at all
        String token = oidcIdentity == null ? WorkloadTokens.newToken() : null;
        // the directory learns of the workload once this call's transaction commits: the answer is built from the command
        WorkloadView workload = new WorkloadView(ref, WorkloadTokens.newWorkloadId(), ref.arn(), request.roleArn().toString(),
                request.sessionName(), request.durationSeconds(), request.allowedSourceCidrs(), token == null ? null : WorkloadTokens.hash(token),
                List.of(), call.at, call.at, oidcIdentity);
        commands.sendAndWait(new RegisterWorkload(ref, workload.workloadId(), request.roleArn(), workload.sessionName(),
                workload.durationSeconds(), workload.allowedSourceCidrs(), workload.tokenHash(), call.at, caller.arn(), oidcIdentity));
        LOG.info("workload {} registered by {}: role {}{}", workload.arn(), caller.arn(), workload.roleArn(),
                oidcIdentity == null ? "" : ", service account " + oidcIdentity.subject() + " of " + oidcIdentity.providerArn());
        return withToken(201, workload, token, exchange);
    }

    /**
     * An OpenID Connect provider of the caller's account; another account's is answered as one that does not exist, as
     * IAM answers it: nothing of another tenant is told.
     */
    private void requireProviderOf(Caller caller, String providerArn) {
        OidcProviderRef.parseArn(providerArn).filter(ref -> ref.account().equals(caller.accountId())).flatMap(directory::oidcProvider)
                .orElseThrow(() -> IamErrors.noSuchEntity("OpenIDConnect Provider not found for arn " + providerArn));
    }

    private Outcome get(HttpExchange exchange, byte[] body, Call call, String name) {
        WorkloadView workload = existing(exchange, body, call, name);
        Map<String, Object> view = view(workload, exchange);
        return new Outcome(200, Map.of("Workload", view), null, resources(workload));
    }

    private Outcome rotate(HttpExchange exchange, byte[] body, Call call, String name) {
        WorkloadView workload = existing(exchange, body, call, name);
        String token = WorkloadTokens.newToken();
        commands.sendAndWait(new RotateWorkloadToken(workload.ref(), WorkloadTokens.hash(token), call.at, call.identity.arn()));
        LOG.info("workload {}: token rotated by {}", workload.arn(), call.identity.arn());
        return withToken(200, workload.withToken(WorkloadTokens.hash(token), call.at), token, exchange);
    }

    private Outcome revoke(HttpExchange exchange, byte[] body, Call call, String name) {
        WorkloadView workload = existing(exchange, body, call, name);
        commands.sendAndWait(new RevokeWorkloadToken(workload.ref(), call.at, call.identity.arn()));
        LOG.info("workload {}: token revoked by {}", workload.arn(), call.identity.arn());
        return new Outcome(204, null, null, resources(workload));
    }

    private Outcome delete(HttpExchange exchange, byte[] body, Call call, String name) {
        WorkloadView workload = existing(exchange, body, call, name);
        commands.sendAndWait(new DeleteWorkload(workload.ref(), call.at, call.identity.arn()));
        LOG.info("workload {} deleted by {}", workload.arn(), call.identity.arn());
        return new Outcome(204, null, null, resources(workload));
    }

    /** A workload of the caller's account, once the caller may do the call's action on it. */
    private WorkloadView existing(HttpExchange exchange, byte[] body, Call call, String name) {
        call.parameters = Map.of("name", name.length() > 128 ? name.substring(0, 128) : name);
        if (!name.matches(RegisterWorkloadRequest.NAME_PATTERN)) {
            throw AwsServiceException.validation("A workload name is 1 to 64 letters, digits or +=,.@_- characters.");
        }
        Caller caller = authenticate(exchange, body, call);
        WorkloadRef ref = new WorkloadRef(caller.accountId(), name);
        authorizer.authorize(caller, "workloads:" + call.eventName, ref.arn(), call.sourceIp, call.secureTransport);
        return workloads.workload(ref).orElseThrow(() -> IamErrors.noSuchEntity("The workload with name " + name + " cannot be found."));
    }

    private Caller authorized(HttpExchange exchange, byte[] body, Call call, String resource) {
        Caller caller = authenticate(exchange, body, call);
        authorizer.authorize(caller, "workloads:" + call.eventName, resource, call.sourceIp, call.secureTransport);
        return caller;
    }

    private Caller authenticate(HttpExchange exchange, byte[] body, Call call) {
        Caller caller = authorizer.authenticate(SignedRequestAuthorizer.signedRequest(exchange, body), SERVICE,
                identity -> call.identity = identity);
        call.verified(caller.userIdentity());
        return caller;
    }

    /**
     * The answer that shows a token, the only one: the record keeps everything but the token. A workload with an OIDC
     * identity has none (null), and its answer is the same without it.
     */
    private static Outcome withToken(int status, WorkloadView workload, String token, HttpExchange exchange) {
        Map<String, Object> view = view(workload, exchange);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Workload", view);
        answer.put("CredentialsUri", view.get("CredentialsUri"));
        if (token != null) {
            answer.put("AuthorizationToken", token);
        }
        return new Outcome(status, answer, Map.of("workload", view), resources(workload));
    }

    private static List<Resource> resources(WorkloadView workload) {
        return List.of(new Resource(workload.arn(), workload.ref().account().value(), RESOURCE_TYPE));
    }

    /**
     * A workload as the API shows it. Its credentials URI is on the address the caller reached this issuer at (the Host
     * header of an authenticated request), so that it works from wherever the caller works.
     */
    private static Map<String, Object> view(WorkloadView workload, HttpExchange exchange) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("Name", workload.ref().name());
        view.put("WorkloadId", workload.workloadId());
        view.put("Arn", workload.arn());
        view.put("RoleArn", workload.roleArn());
        view.put("RoleSessionName", workload.sessionName());
        view.put("DurationSeconds", workload.durationSeconds());
        view.put("AllowedSourceCidrs", workload.allowedSourceCidrs());
        if (workload.oidcIdentity() != null) {
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("ProviderArn", workload.oidcIdentity().providerArn());
            identity.put("Namespace", workload.oidcIdentity().namespace());
            identity.put("ServiceAccount", workload.oidcIdentity().serviceAccount());
            view.put("OidcIdentity", identity);
        }
        view.put("CredentialsUri", credentialsUri(workload, exchange));
        view.put("HasToken", workload.tokenHash() != null);
        view.put("TokenIssuedAt", workload.tokenIssuedAt().toString());
        view.put("RegisteredAt", workload.registeredAt().toString());
        return view;
    }

    private static String credentialsUri(WorkloadView workload, HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !host.matches("[\\w.:\\[\\]-]{1,255}")) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        return (HttpExchanges.secureTransport(exchange) ? "https://" : "http://") + host + WorkloadCredentialsEndpoint.PATH + workload.workloadId();
    }

    /** CloudTrail's requestParameters of a registration: the fields it was given, bounded. */
    private static Map<String, Object> requestParameters(JsonNode json) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (String field : List.of("Name", "RoleArn", "RoleSessionName", "DurationSeconds", "AllowedSourceCidrs", "OidcIdentity")) {
            JsonNode value = json.get(field);
            if (value != null) {
                String text = value.isTextual() ? value.asText() : value.toString();
                parameters.put(Character.toLowerCase(field.charAt(0)) + field.substring(1), text.length() > 2048 ? text.substring(0, 2048) : text);
            }
        }
        return parameters;
    }
}
