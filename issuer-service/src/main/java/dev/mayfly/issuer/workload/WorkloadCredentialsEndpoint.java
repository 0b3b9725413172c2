package dev.mayfly.issuer.workload;

import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.WorkloadView;
import dev.mayfly.issuer.query.WorkloadDirectory;
import dev.mayfly.issuer.sts.WorkloadRoleProvider;
import dev.mayfly.issuer.sts.WorkloadRoleProvider.Issued;
import dev.mayfly.issuer.webidentity.TokenVerifier;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.audit.AuditedEndpoint;
import dev.mayfly.runtime.audit.CallAuditing;
import dev.mayfly.runtime.rest.RestRoutes;
import dev.mayfly.runtime.rest.Route;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET /mayfly/workload-credentials/{workloadId} with {@code Authorization: <token>}: the container credentials protocol
 * that the AWS SDKs, the AWS CLI and boto3 speak when AWS_CONTAINER_CREDENTIALS_FULL_URI and
 * AWS_CONTAINER_AUTHORIZATION_TOKEN (or AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, read again on every call) are set. It
 * answers {"AccessKeyId", "SecretAccessKey", "Token", "Expiration", "RoleArn"}, or {"code", "message"} with an error
 * status, which the SDKs show.
 *
 * <p>The token is the workload's bootstrap token, or, for a workload registered with an OIDC identity, a Kubernetes
 * projected service-account token ({@link ServiceAccountTokens}): then the workload holds nothing long-lived at all.
 *
 * <p>Every call is recorded as an AssumeRole of sts.amazonaws.com by the workload (userIdentity type MayflyWorkload),
 * in the workload's account. An unknown workload and a wrong token get the same answer, so that nobody learns which
 * workloads exist; only the holder of a token that was withdrawn hears so.
 */
public final class WorkloadCredentialsEndpoint extends AuditedEndpoint {

    public static final String PATH = "/mayfly/workload-credentials/";
    /** The API's one operation: what service-models/openapi/workload-credentials.json describes. */
    public static final RestRoutes ROUTES = RestRoutes.of(new Route("GET", PATH + "{WorkloadId}", "AssumeRole"));
    /**
     * A bootstrap token is 48 characters, a Kubernetes service-account JWT one to two KiB; anything longer is neither, and
     * is refused before it is read. Within the 16 KiB of headers the HTTP server reads at most (MAYFLY_HTTP_MAX_HEADER_BYTES).
     */
    static final int MAX_AUTHORIZATION_CHARS = 8 * 1024;
    private static final String EVENT_SOURCE = "sts.amazonaws.com";

    private final WorkloadDirectory workloads;
    private final WorkloadRoleProvider roles;
    private final ServiceAccountTokens serviceAccountTokens;
    private final Clock clock;

    /** @param webIdentityTokens verifies service-account tokens, with the keys AssumeRoleWithWebIdentity fetched and cached too */
    public WorkloadCredentialsEndpoint(WorkloadDirectory workloads, WorkloadRoleProvider roles, IdentityDirectory directory,
                                       TokenVerifier webIdentityTokens, CallAuditing auditing) {
        super(EVENT_SOURCE, 4096, auditing);
        this.workloads = workloads;
        this.roles = roles;
        this.serviceAccountTokens = new ServiceAccountTokens(directory, webIdentityTokens);
        this.clock = auditing.clock();
    }

    @Override
    protected Outcome dispatch(HttpExchange exchange, byte[] body, Call call) {
        call.eventName = "AssumeRole";
        call.readOnly = true;
        if (!exchange.getRequestMethod().equals("GET")) {
            throw new AwsServiceException("MethodNotAllowed", "The credentials endpoint answers GET only, not "
                    + exchange.getRequestMethod().substring(0, Math.min(16, exchange.getRequestMethod().length())) + ".", 405);
        }
        String token = token(exchange);
        // a path of no workload is answered as a wrong token is: the endpoint tells nothing of what exists
        String id = ROUTES.match("GET", exchange.getRequestURI().getPath()).map(match -> match.label("WorkloadId")).orElse("");
        Optional<WorkloadView> found = WorkloadTokens.isWorkloadId(id) ? workloads.byId(id) : Optional.empty();
        found.ifPresent(workload -> {
            call.identity = WorkloadRoleProvider.identity(workload);
            call.parameters = requestParameters(workload);
        });
        WorkloadView workload = found.isPresent() && found.get().oidcIdentity() != null
                ? withServiceAccountToken(found.get(), token, call) : withBootstrapToken(found, token);
        call.verified(call.identity);
        if (!workload.allowedSourceCidrs().isEmpty()
                && workload.allowedSourceCidrs().stream().map(SourceCidr::parse).noneMatch(cidr -> cidr.contains(call.sourceIp))) {
            throw new AwsServiceException("AccessDenied", "Workload " + workload.ref().name() + " may not ask for credentials from "
                    + call.sourceIp + ".", 403);
        }
        Issued issued = roles.issue(workload, call.sourceIp, call.secureTransport, clock.instant());
        var claims = issued.credentials().claims();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("AccessKeyId", claims.accessKeyId());
        answer.put("SecretAccessKey", claims.secretAccessKey());
        answer.put("Token", issued.credentials().sessionToken());
        answer.put("Expiration", claims.expiration().toString());
        answer.put("RoleArn", workload.roleArn());
        return new Outcome(200, answer, issued.responseElements(), issued.resources());
    }

    /**
     * The workload, once the token proves its OIDC identity; the record names the token's subject and pod, so that the
     * trail tells which pod got the credentials.
     */
    private WorkloadView withServiceAccountToken(WorkloadView workload, String token, Call call) {
        ServiceAccountTokens.ServiceAccountToken proved = serviceAccountTokens.verify(workload, token, clock.instant());
        Map<String, Object> parameters = new LinkedHashMap<>(call.parameters);
        parameters.put("webIdentitySubject", proved.subject());
        if (proved.pod() != null) {
            parameters.put("kubernetesPod", proved.pod());
        }
        call.parameters = parameters;
        return workload;
    }

    /** The workload whose bootstrap token this is; an unknown workload is refused as a wrong token is. */
    private static WorkloadView withBootstrapToken(Optional<WorkloadView> found, String token) {
        String presented = WorkloadTokens.hash(token);
        return found.filter(w -> WorkloadTokens.matches(presented, w.tokenHash())).orElseThrow(() ->
                found.filter(w -> w.retiredTokenHashes().stream().anyMatch(old -> WorkloadTokens.matches(presented, old))).isPresent()
                        ? new AwsServiceException("TokenRevoked", "This authorization token was rotated or revoked: get the "
                                + "workload's current token from its owner (./mayfly workload rotate NAME).", 403)
                        : WorkloadTokens.notValidForThisUri());
    }

    /** The Authorization header's value, as the SDKs send AWS_CONTAINER_AUTHORIZATION_TOKEN: the token itself. */
    private static String token(HttpExchange exchange) {
        List<String> values = exchange.getRequestHeaders().get("Authorization");
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) {
            throw new AwsServiceException("MissingToken", "The Authorization header must carry the workload's authorization token "
                    + "(AWS_CONTAINER_AUTHORIZATION_TOKEN).", 401);
        }
        if (values.size() > 1 || values.getFirst().length() > MAX_AUTHORIZATION_CHARS) {
            throw new AwsServiceException("InvalidToken", "The Authorization header must hold one workload token or service-account "
                    + "token, at most " + MAX_AUTHORIZATION_CHARS + " characters.", 400);
        }
        return values.getFirst().strip();
    }

    /** What CloudTrail shows of the request: the parameters of the AssumeRole made on the workload's behalf. */
    private static Map<String, Object> requestParameters(WorkloadView workload) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("roleArn", workload.roleArn());
        parameters.put("roleSessionName", workload.sessionName());
        parameters.put("durationSeconds", workload.durationSeconds());
        return parameters;
    }

    @Override
    protected byte[] errorBody(Failure failure, Call call) throws IOException {
        return Json.mapper().writeValueAsBytes(Map.of("code", failure.code(), "message", failure.message()));
    }

    @Override
    protected Map<String, String> answerHeaders() {
        return Map.of("Cache-Control", "no-store");
    }
}
