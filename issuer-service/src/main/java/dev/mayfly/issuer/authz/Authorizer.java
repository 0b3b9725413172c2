package dev.mayfly.issuer.authz;

import dev.mayfly.contract.RevocationRule;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.RoleArn;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.InlinePolicy;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.policy.Decision;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.policy.RequestContext;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.revocationfeed.SessionFacts;
import dev.mayfly.runtime.AwsServiceException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a caller may do an action on a resource: a revoked session may do nothing; the root
 * user may do anything in its own account; anyone else needs an identity policy that allows it and none
 * that denies it.
 */
public final class Authorizer {

    private static final int MAX_CACHED_SESSION_POLICIES = 10_000;
    private static final PolicyDocument NOTHING = PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}");
    private static final InlinePolicy ROOT_PERMISSIONS = new InlinePolicy("root", "", PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"));
    private final IdentityDirectory directory;
    private final RevocationIndex revocations;
    private final Map<String, PolicyDocument> parsedSessionPolicies = new java.util.concurrent.ConcurrentHashMap<>();

    public Authorizer(IdentityDirectory directory, RevocationIndex revocations) {
        this.directory = directory;
        this.revocations = revocations;
    }

    /** @throws AwsServiceException AccessDenied, with AWS's wording, when the caller may not */
    public void authorize(Caller caller, String action, String resource, Map<String, List<String>> conditionKeys) {
        refuseRevoked(caller, action, resource);
        if (caller.type() == Caller.Type.ROOT) {
            return;
        }
        Decision decision = identityDecision(caller, new RequestContext(action, resource, null, conditionKeys));
        if (!decision.isAllowed()) {
            throw denied(caller, action, resource, decision);
        }
    }

    /** A session that a revocation rule names may do nothing at all, not even GetCallerIdentity. */
    public void refuseRevoked(Caller caller, String action, String resource) {
        if (caller.session() == null) {
            return;
        }
        Optional<RevocationRule> rule = revocations.denying(new SessionFacts(caller.accountId().value(),
                caller.session().issuerArn(), caller.arn(), caller.accessKeyId(), caller.session().sourceIdentity(),
                caller.session().issuedAt()));
        if (rule.isPresent()) {
            throw AwsServiceException.accessDenied("User: " + caller.arn() + " is not authorized to perform: " + action
                    + " on resource: " + resource + " with an explicit deny: the session was revoked by rule "
                    + rule.get().ruleId());
        }
    }

    /**
     * The combined decision of the caller's identity policies (not applicable to the root user, who is not bound
     * by them), intersected with the session policy the caller's session was issued with, if any.
     */
    public Decision identityDecision(Caller caller, RequestContext context) {
        Decision decision = Decision.NOT_APPLICABLE;
        for (PolicyDocument policy : identityPolicies(caller)) {
            decision = decision.combine(policy.evaluate(context));
        }
        decision = boundary(caller).map(bound -> bound.evaluate(context)).map(decision::intersect).orElse(decision);
        if (caller.session() == null || !caller.session().hasSessionPolicies()) {
            // a federated user without a session policy has no permissions at all
            return caller.type() == Caller.Type.FEDERATED_USER ? Decision.NOT_APPLICABLE : decision;
        }
        return decision.intersect(sessionPoliciesDecision(caller, context));
    }

    /**
     * The session policies together, inline and managed, as one bound: any of them may allow, any explicit deny denies.
     * A managed session policy that no longer exists allows nothing.
     */
    private Decision sessionPoliciesDecision(Caller caller, RequestContext context) {
        Decision decision = Decision.NOT_APPLICABLE;
        if (caller.session().sessionPolicy() != null) {
            decision = parsed(caller.session().sessionPolicy()).evaluate(context);
        }
        for (String arn : caller.session().sessionPolicyArns()) {
            PolicyRef ref = new PolicyRef(caller.accountId(), arn.substring(arn.lastIndexOf('/') + 1));
            Optional<PolicyDocument> policy = directory.managedPolicy(ref).filter(p -> p.arn().equals(arn)).map(p -> p.defaultVersion().parsed());
            if (policy.isPresent()) {
                decision = decision.combine(policy.get().evaluate(context));
            }
        }
        return decision;
    }

    /** Session policies were checked at issuance; parsed once each (a bounded cache: the same sessions call again and again). */
    private PolicyDocument parsed(String sessionPolicy) {
        if (parsedSessionPolicies.size() > MAX_CACHED_SESSION_POLICIES) {
            parsedSessionPolicies.clear();
        }
        return parsedSessionPolicies.computeIfAbsent(sessionPolicy, PolicyDocument::parse);
    }

    private List<PolicyDocument> identityPolicies(Caller caller) {
        return switch (caller.type()) {
            case ROOT -> List.of();
            case FEDERATED_USER -> federationIssuerPolicies(caller);
            case IAM_USER -> callerUser(caller).map(user -> userAndGroupPolicies(new UserRef(user.accountId(), user.userName())))
                    .orElse(List.of());
            case ASSUMED_ROLE -> sessionRole(caller).map(role -> {
                        List<PolicyDocument> policies = new java.util.ArrayList<>(role.policies().values().stream().map(InlinePolicy::parsed).toList());
                        policies.addAll(attachedTo(role.accountId(), EntityType.ROLE, role.roleName()));
                        return policies;
                    }).orElse(List.of());
        };
    }

    /**
     * The role a session was issued for, if it still exists: a role deleted and created again under the same name has
     * a new role id and does not lend its permissions to the sessions of the old one (as in AWS).
     */
    private Optional<RoleView> sessionRole(Caller caller) {
        String roleId = caller.principalId().substring(0, caller.principalId().indexOf(':'));
        return RoleArn.parse(caller.session().issuerArn()).flatMap(arn -> directory.role(arn.ref()))
                .filter(role -> role.roleId().equals(roleId));
    }

    /** The calling IAM user; for its GetSessionToken sessions, only while the user of that id exists. */
    private Optional<UserView> callerUser(Caller caller) {
        return directory.user(new UserRef(caller.accountId(), caller.userName()))
                .filter(user -> caller.session() == null || user.userId().equals(caller.principalId()));
    }

    /**
     * The permissions boundary of the caller's user or role (for a federated user, of the user who asked for its
     * token): the default version of the managed policy it names. A boundary naming a policy that is gone
     * allows nothing.
     */
    private Optional<PolicyDocument> boundary(Caller caller) {
        String arn = switch (caller.type()) {
            case ROOT -> null;
            case IAM_USER -> callerUser(caller).map(u -> u.permissionsBoundary()).orElse(null);
            case FEDERATED_USER -> caller.session().issuerArn().endsWith(":root") ? null
                    : directory.user(new UserRef(caller.accountId(), caller.session().issuerArn().substring(caller.session().issuerArn()
                    .lastIndexOf('/') + 1))).map(u -> u.permissionsBoundary()).orElse(null);
            case ASSUMED_ROLE -> sessionRole(caller).map(r -> r.permissionsBoundary()).orElse(null);
        };
        if (arn == null) {
            return Optional.empty();
        }
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return Optional.of(directory.managedPolicy(new PolicyRef(caller.accountId(), name))
                .map(p -> p.defaultVersion().parsed()).orElse(NOTHING));
    }

    /** The default versions of the managed policies attached to an entity. */
    private List<PolicyDocument> attachedTo(dev.mayfly.issuer.api.AccountId account, EntityType type, String name) {
        return directory.policiesAttachedTo(account, type, name).stream().map(p -> p.defaultVersion().parsed()).toList();
    }

    /**
     * A federated user acts with the permissions of the user who asked for its token (intersected with the session
     * policy; without one it may do nothing). The root user's permissions are not policies: then the session
     * policy alone decides, represented here as a policy that allows everything.
     */
    private List<PolicyDocument> federationIssuerPolicies(Caller caller) {
        String issuer = caller.session().issuerArn();
        if (issuer.endsWith(":root")) {
            return List.of(ROOT_PERMISSIONS.parsed());
        }
        return userAndGroupPolicies(new UserRef(caller.accountId(), issuer.substring(issuer.lastIndexOf('/') + 1)));
    }

    /** A user's own inline and attached policies, and those of every group it belongs to. */
    private List<PolicyDocument> userAndGroupPolicies(UserRef user) {
        List<PolicyDocument> policies = new java.util.ArrayList<>();
        directory.user(user).ifPresent(u -> u.policies().values().forEach(p -> policies.add(p.parsed())));
        policies.addAll(attachedTo(user.account(), EntityType.USER, user.userName()));
        for (var group : directory.groupsOf(user)) {
            group.policies().values().forEach(p -> policies.add(p.parsed()));
            policies.addAll(attachedTo(group.accountId(), EntityType.GROUP, group.groupName()));
        }
        return policies;
    }

    public static AwsServiceException denied(Caller caller, String action, String resource, Decision decision) {
        String why = decision == Decision.EXPLICIT_DENY ? " with an explicit deny in an identity-based policy"
                : " because no identity-based policy allows the " + action + " action";
        return AwsServiceException.accessDenied("User: " + caller.arn() + " is not authorized to perform: " + action
                + " on resource: " + resource + why);
    }
}
