package dev.mayfly.issuer.sts;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.issuer.api.RoleArn;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.WorkloadView;
import dev.mayfly.issuer.sts.SessionIssuer.SessionCredentials;
import dev.mayfly.policy.Decision;
import dev.mayfly.policy.GlobalConditionKeys;
import dev.mayfly.policy.Principal;
import dev.mayfly.policy.RequestContext;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * AssumeRole on behalf of a workload whose bootstrap token was verified. The workload is a service principal,
 * {@code {"Service": "workloads.mayfly"}}, as an ECS task is {@code ecs-tasks.amazonaws.com}: it has no identity
 * policies, so the role's trust policy alone decides, and it can tell workloads apart by aws:SourceArn (the workload's
 * ARN) and aws:SourceAccount. Quarantines of the role or the workload refuse, as for any AssumeRole.
 */
public final class WorkloadRoleProvider {

    public static final String SERVICE_PRINCIPAL = "workloads.mayfly";
    /** CloudTrail's userIdentity.type of a workload asking for its credentials. */
    public static final String IDENTITY_TYPE = "MayflyWorkload";

    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final SessionIssuer sessions;

    public WorkloadRoleProvider(IdentityDirectory directory, Authorizer authorizer, SessionIssuer sessions) {
        this.directory = directory;
        this.authorizer = authorizer;
        this.sessions = sessions;
    }

    /** The credentials, and what the record of the call shows (never the secret or the token). */
    public record Issued(SessionCredentials credentials, Map<String, Object> responseElements,
                         List<Resource> resources) {
    }

    /** The workload as CloudTrail's userIdentity: its id, ARN and account. */
    public static UserIdentity identity(WorkloadView workload) {
        return new UserIdentity(IDENTITY_TYPE, workload.workloadId(), workload.arn(), workload.ref().account().value(), null,
                workload.ref().name(), null);
    }

    public Issued issue(WorkloadView workload, String sourceIp, boolean secureTransport, Instant now) {
        String roleArn = workload.roleArn();
        authorizer.refuseQuarantined(workload.ref().account().value(), List.of(roleArn, workload.arn()), AssumeRoleProvider.ACTION, roleArn);
        RoleView role = RoleArn.parse(roleArn).flatMap(arn -> directory.role(arn.ref())).filter(r -> r.arn().equals(roleArn))
                .orElseThrow(() -> AwsServiceException.accessDenied("Workload " + workload.ref().name() + " runs as role " + roleArn
                        + ", which does not exist (any more)."));
        Map<String, List<String>> keys = GlobalConditionKeys.transport(sourceIp, secureTransport, now);
        keys.put("aws:SourceArn", List.of(workload.arn()));
        keys.put("aws:SourceAccount", List.of(workload.ref().account().value()));
        keys.put("aws:PrincipalServiceName", List.of(SERVICE_PRINCIPAL));
        keys.put("aws:PrincipalIsAWSService", List.of("true"));
        keys.put("sts:RoleSessionName", List.of(workload.sessionName()));
        Principal principal = new Principal("Service", SERVICE_PRINCIPAL, workload.ref().account().value(), null);
        Decision trust = role.parsedTrustPolicy().evaluate(new RequestContext(AssumeRoleProvider.ACTION, role.arn(), principal, keys));
        if (trust != Decision.ALLOW) {
            throw AwsServiceException.accessDenied("The trust policy of role " + role.arn() + (trust == Decision.EXPLICIT_DENY
                    ? " explicitly denies" : " does not allow") + " workload " + workload.arn() + " to assume it: it must allow "
                    + "{\"Service\": \"" + SERVICE_PRINCIPAL + "\"} the action sts:AssumeRole (aws:SourceArn is the workload's ARN).");
        }
        if (workload.durationSeconds() > role.maxSessionDuration()) {
            throw AwsServiceException.validation("Workload " + workload.ref().name() + " asks for sessions of " + workload.durationSeconds()
                    + " seconds, more than the MaxSessionDuration (" + role.maxSessionDuration() + ") of role " + role.arn() + ".");
        }
        SessionCredentials credentials = sessions.assumedRole(role, workload.sessionName(), now, workload.durationSeconds(), null,
                SessionScope.none(), null, null);
        var result = AssumedRoleResult.of(role, credentials, null, Map.of());
        return new Issued(credentials, result.responseElements(), result.resources());
    }
}
