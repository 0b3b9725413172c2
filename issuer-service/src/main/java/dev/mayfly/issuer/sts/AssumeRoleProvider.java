package dev.mayfly.issuer.sts;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.AuthorizationMessages.Explanation;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.mfa.MfaVerifier;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.sts.SessionIssuer.SessionCredentials;
import dev.mayfly.policy.Decision;
import dev.mayfly.policy.GlobalConditionKeys;
import dev.mayfly.policy.RequestContext;
import dev.mayfly.policy.decision.Outcome;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AssumeRole: the role's trust policy (a resource-based policy) and the caller's identity policies decide
 * together, as AWS's evaluation logic says. Within one account, a trust policy that names the caller
 * itself is enough; one that names only the account also needs an identity policy that allows. Across
 * accounts both must allow. An explicit deny in either refuses. A role that does not exist is refused
 * exactly like one the caller may not assume, so that its existence does not leak.
 */
final class AssumeRoleProvider extends DeclaredAction {

    static final String ACTION = "sts:AssumeRole";
    /** AWS caps sessions assumed with role credentials (role chaining) at one hour. */
    static final int ROLE_CHAINING_MAX_DURATION = 3600;

    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final SessionIssuer sessions;
    private final MfaVerifier mfa;

    AssumeRoleProvider(IdentityDirectory directory, Authorizer authorizer, SessionIssuer sessions, MfaVerifier mfa) {
        super("AssumeRole", AwsService.STS, true);
        this.directory = directory;
        this.authorizer = authorizer;
        this.sessions = sessions;
        this.mfa = mfa;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        AssumeRoleRequest request = AssumeRoleRequest.from(context.parameters());
        Caller caller = context.caller();
        String resource = request.roleArn().toString();
        authorizer.refuseRevoked(caller, ACTION, resource);
        if (caller.type() == Caller.Type.ROOT) {
            throw AwsServiceException.accessDenied("Roles may not be assumed by root accounts.");
        }
        SessionScope scope = SessionScope.policies(context.parameters())
                .withTags(request.tags(), request.transitiveTagKeys(), SessionScope.transitiveTagsOf(caller));
        Instant mfaAuthenticatedAt = MfaProof.of(context, mfa);
        if (mfaAuthenticatedAt == null && caller.session() != null) {
            mfaAuthenticatedAt = caller.session().mfaAuthenticatedAt();
        }
        Map<String, List<String>> keys = conditionKeys(context, request, mfaAuthenticatedAt);
        RoleView role = directory.role(request.roleArn().ref()).filter(r -> r.arn().equals(resource))
                .orElseThrow(() -> notAuthorized(caller, ACTION, resource, trustRefusal(resource, false), keys));
        try {
            return assume(context, caller, role, request, scope.withMfa(mfaAuthenticatedAt), keys);
        } catch (AwsServiceException refused) {
            // the role exists: its account's trail records the refused attempt too
            throw refused.concerning(List.of(role.resource()));
        }
    }

    private ActionResult assume(ActionContext context, Caller caller, RoleView role, AssumeRoleRequest request, SessionScope scope,
                                Map<String, List<String>> keys) {
        requireAllowed(caller, role, ACTION, keys);
        if (!scope.tags().isEmpty()) {
            requireAllowed(caller, role, "sts:TagSession", keys);
        }
        // only now may the role's account tell the caller about its regions and its policies
        StsRegions.requireActive(directory, role.accountId(), context.region());
        scope.requireManagedPoliciesIn(role.accountId(), directory);
        authorizer.refuseQuarantined(role.accountId().value(), List.of(role.arn()), ACTION, role.arn());
        authorizer.refuseQuarantined(caller.accountId().value(), caller.session() == null ? List.of(caller.arn())
                : List.of(caller.arn(), caller.session().issuerArn()), ACTION, role.arn());
        String sourceIdentity = sourceIdentity(caller, role, request, keys);
        int duration = checkedDuration(caller, role, request.durationSeconds());
        SessionCredentials credentials = sessions.assumedRole(role, request.roleSessionName(), context.now(), duration, sourceIdentity,
                scope, null, caller.sourceAccessKeyId());
        return AssumedRoleResult.of(role, credentials, scope.packedPercentage(), Map.of());
    }

    /** The trust policy (a resource-based policy) and the caller's identity side, as AWS's evaluation logic combines them. */
    private void requireAllowed(Caller caller, RoleView role, String action, Map<String, List<String>> keys) {
        RequestContext trustContext = new RequestContext(action, role.arn(), caller.policyPrincipal(), keys);
        Decision trust = role.parsedTrustPolicy().evaluate(trustContext);
        boolean sameAccount = caller.accountId().equals(role.accountId());
        if (trust != Decision.ALLOW) {
            throw notAuthorized(caller, action, role.arn(), trustRefusal(role.arn(), sameAccount && trust == Decision.EXPLICIT_DENY), keys);
        }
        Outcome outcome = authorizer.decide(caller, action,
                new dev.mayfly.policy.decision.Resource(role.arn(), role.accountId().value(), role.parsedTrustPolicy()), keys);
        if (!outcome.allowed()) {
            throw notAuthorized(caller, action, role.arn(), Authorizer.explanation(outcome), keys);
        }
    }

    /**
     * A refusal by the trust policy. Whether it denied explicitly is told only within the role's account: another
     * account learns nothing of the role, not even whether it exists.
     */
    private static Explanation trustRefusal(String roleArn, boolean explicitDeny) {
        return new Explanation(explicitDeny, List.of("trust policy of " + roleArn), "the role's trust policy does not allow the caller");
    }

    /** A source identity, once set, sticks through role chaining; setting one needs sts:SetSourceIdentity in the trust policy. */
    private String sourceIdentity(Caller caller, RoleView role, AssumeRoleRequest request, Map<String, List<String>> keys) {
        String inherited = caller.session() == null ? null : caller.session().sourceIdentity();
        if (request.sourceIdentity() == null) {
            return inherited;
        }
        if (inherited != null && !inherited.equals(request.sourceIdentity())) {
            throw AwsServiceException.accessDenied("The source identity of a chained session cannot differ from the one it was issued with.");
        }
        if (inherited == null) {
            requireAllowed(caller, role, "sts:SetSourceIdentity", keys);
        }
        return request.sourceIdentity();
    }

    private static int checkedDuration(Caller caller, RoleView role, int requested) {
        if (caller.type() == Caller.Type.ASSUMED_ROLE && requested > ROLE_CHAINING_MAX_DURATION) {
            throw AwsServiceException.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (requested > role.maxSessionDuration()) {
            throw AwsServiceException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        return requested;
    }

    private static Map<String, List<String>> conditionKeys(ActionContext context, AssumeRoleRequest request, Instant mfaAuthenticatedAt) {
        Map<String, List<String>> keys = new HashMap<>(context.conditionKeys());
        if (mfaAuthenticatedAt != null) {
            keys.putAll(GlobalConditionKeys.mfa(mfaAuthenticatedAt, context.now()));
        }
        keys.put("sts:RoleSessionName", List.of(request.roleSessionName()));
        Optional.ofNullable(request.externalId()).ifPresent(id -> keys.put("sts:ExternalId", List.of(id)));
        Optional.ofNullable(request.sourceIdentity()).ifPresent(id -> keys.put("sts:SourceIdentity", List.of(id)));
        keys.putAll(SessionScope.conditionKeys(request.tags(), request.transitiveTagKeys()));
        return keys;
    }

    private AwsServiceException notAuthorized(Caller caller, String action, String resource, Explanation explanation,
                                              Map<String, List<String>> keys) {
        return authorizer.denied(caller, action, resource, "", explanation, keys);
    }
}
