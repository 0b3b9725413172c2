package dev.mayfly.issuer.authz;

import dev.mayfly.contract.RevocationRule;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.RoleArn;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.AuthorizationMessages.Explanation;
import dev.mayfly.issuer.authz.EntityPolicies.Labeled;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.policy.Decision;
import dev.mayfly.policy.IdentityLayers;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.policy.RequestContext;
import dev.mayfly.revocationfeed.Freshness;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.revocationfeed.SessionFacts;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a caller may do an action on a resource: a revoked session may do nothing; the root
 * user may do anything in its own account; anyone else needs an identity policy that allows it and none
 * that denies it, within its permissions boundary and its session policies. Every refusal carries an encoded
 * authorization message that says which policies decided (DecodeAuthorizationMessage reads it).
 */
public final class Authorizer {

    private static final int MAX_CACHED_SESSION_POLICIES = 10_000;
    private static final String EVERYTHING = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    private static final Labeled ROOT_PERMISSIONS = new Labeled("the root user's permissions", EVERYTHING, PolicyDocument.parse(EVERYTHING));
    private final IdentityDirectory directory;
    private final EntityPolicies entities;
    private final RevocationIndex revocations;
    private final AuthorizationMessages messages;
    private final Freshness freshness;
    private final Clock clock;
    private final Map<String, PolicyDocument> parsedSessionPolicies = new ConcurrentHashMap<>();

    /** @param freshness whether the revocation index is recent enough to let session credentials through */
    public Authorizer(IdentityDirectory directory, RevocationIndex revocations, AuthorizationMessages messages, Freshness freshness,
                      Clock clock) {
        this.directory = directory;
        this.entities = new EntityPolicies(directory);
        this.revocations = revocations;
        this.messages = messages;
        this.freshness = freshness;
        this.clock = clock;
    }

    /** @throws AwsServiceException AccessDenied, with AWS's wording, when the caller may not */
    public void authorize(Caller caller, String action, String resource, Map<String, List<String>> conditionKeys) {
        authorize(caller, action, resource, resource, conditionKeys);
    }

    /**
     * Decides on a resource's ARN, and refuses naming it as the caller did: an entity's ARN holds its path, which a
     * caller that may not read the entity must not learn, nor whether it exists.
     *
     * @param resource the ARN the decision is made for
     * @param named    the ARN as the request names it, which a refusal shows
     * @throws AwsServiceException AccessDenied, with AWS's wording, when the caller may not
     */
    public void authorize(Caller caller, String action, String resource, String named, Map<String, List<String>> conditionKeys) {
        refuseRevoked(caller, action, named);
        if (caller.type() == Caller.Type.ROOT) {
            return;
        }
        RequestContext context = new RequestContext(action, resource, null, conditionKeys);
        Decision decision = identityDecision(caller, context);
        if (!decision.isAllowed()) {
            String why = decision == Decision.EXPLICIT_DENY ? " with an explicit deny in an identity-based policy"
                    : " because no identity-based policy allows the " + action + " action";
            throw denied(caller, action, named, why, explain(caller, context), conditionKeys);
        }
    }

    /**
     * A session that a revocation rule names, or a long-term key that a rule of scope AccessKey names (with the sessions it
     * started), may do nothing at all, not even GetCallerIdentity. While the rules may be missing some (the feed has not
     * heard from Kafka for too long), sessions are refused altogether, unless the operator chose to fail open; long-term
     * keys are then checked against the rules at hand, so that a Kafka outage does not lock every tenant's root out.
     */
    public void refuseRevoked(Caller caller, String action, String resource) {
        if (caller.session() == null) {
            refuseRevokedKey(caller, action, resource);
            return;
        }
        refuseWhileRulesMayBeMissing("Session credentials", clock.instant());
        Optional<RevocationRule> rule = revocations.denying(new SessionFacts(caller.accountId().value(),
                caller.session().issuerArn(), caller.arn(), caller.accessKeyId(), caller.session().sourceIdentity(),
                caller.session().tags(), caller.session().issuedAt(), caller.session().sourceAccessKeyId()));
        if (rule.isPresent()) {
            String why = " with an explicit deny: the session was revoked by rule " + rule.get().ruleId();
            throw denied(caller, action, resource, why, new Explanation(true, List.of("revocation rule " + rule.get().ruleId()),
                    "the session was issued before a revocation rule's time"), Map.of());
        }
    }

    /** A long-term key counts as issued when it was created: a rule set for a later time refuses it. */
    private void refuseRevokedKey(Caller caller, String action, String resource) {
        Optional<RevocationRule> rule = directory.accessKey(caller.accessKeyId())
                .flatMap(key -> revocations.denyingLongTermKey(key.accessKeyId(), key.createdAt()));
        if (rule.isPresent()) {
            String why = " with an explicit deny: the access key " + caller.accessKeyId() + " was revoked by rule " + rule.get().ruleId();
            throw denied(caller, action, resource, why, new Explanation(true, List.of("revocation rule " + rule.get().ruleId()),
                    "the access key was created before a revocation rule's time"), Map.of());
        }
    }

    /**
     * Refuses to issue a session while a quarantine names the principal asking or the role asked for, and, failing
     * closed, while the rules may be missing one (a quarantine added while the feed could not hear from Kafka).
     *
     * @param arns the ARNs a quarantine may name: the caller (and, for a role session, its role) and the role asked for
     */
    public void refuseQuarantined(String accountId, Collection<String> arns, String action, String resource) {
        Instant now = clock.instant();
        refuseWhileRulesMayBeMissing("New sessions", now);
        Optional<RevocationRule> quarantine = revocations.quarantining(accountId, arns, now);
        if (quarantine.isPresent()) {
            throw AwsServiceException.accessDenied("Not authorized to perform " + action + " on resource: " + resource + ": "
                    + quarantine.get().target() + " is quarantined until " + quarantine.get().issuedBefore() + " by rule "
                    + quarantine.get().ruleId() + ": no new session is issued");
        }
    }

    /**
     * ServiceUnavailable while the feed has not heard from Kafka for longer than its bound, unless the operator chose to
     * fail open (MAYFLY_REVOCATION_FAIL_MODE).
     *
     * @param what what cannot be checked: "Session credentials", "New sessions"
     */
    private void refuseWhileRulesMayBeMissing(String what, Instant now) {
        if (freshness.refusesSessions(now)) {
            throw new AwsServiceException("ServiceUnavailable", what + " cannot be checked against revocation rules right now "
                    + "(the rules are " + freshness.age(now).toSeconds() + " seconds old). Try again shortly.", 503);
        }
    }

    /**
     * AccessDenied in AWS's words, with the encoded authorization message.
     *
     * @param why what follows the resource in the message (" with an explicit deny...")
     */
    public AwsServiceException denied(Caller caller, String action, String resource, String why, Explanation explanation,
                                      Map<String, List<String>> conditionKeys) {
        String encoded = messages.encode(caller, action, resource, explanation, conditionKeys);
        return AwsServiceException.accessDenied("User: " + caller.arn() + " is not authorized to perform: " + action
                + " on resource: " + resource + why + ". Encoded authorization failure message: " + encoded);
    }

    /** The identity side of a decision for a caller (a federated user without session policies has them allow nothing). */
    public IdentityLayers layers(Caller caller, RequestContext context) {
        Decision identity = Decision.NOT_APPLICABLE;
        for (Labeled policy : identityPolicies(caller)) {
            identity = identity.combine(policy.parsed().evaluate(context));
        }
        Decision bounded = boundary(caller).map(bound -> bound.parsed().evaluate(context)).orElse(null);
        Decision session = null;
        if (caller.session() != null && caller.session().hasSessionPolicies()) {
            session = sessionPoliciesDecision(caller, context);
        } else if (caller.type() == Caller.Type.FEDERATED_USER) {
            // a federated user without a session policy has no permissions at all
            session = Decision.NOT_APPLICABLE;
        }
        return new IdentityLayers(identity, bounded, session);
    }

    /**
     * The combined decision of the caller's identity policies (not applicable to the root user, who is not bound
     * by them), intersected with its permissions boundary and the session policies its session was issued with.
     */
    public Decision identityDecision(Caller caller, RequestContext context) {
        return layers(caller, context).combined();
    }

    /** Why the identity decision refuses: the policies that deny explicitly, or the layer that allows nothing. */
    public Explanation explain(Caller caller, RequestContext context) {
        List<String> denying = new ArrayList<>();
        List<String> allowing = new ArrayList<>();
        for (Labeled policy : identityPolicies(caller)) {
            Decision decision = policy.parsed().evaluate(context);
            if (decision == Decision.EXPLICIT_DENY) {
                denying.add(policy.label());
            } else if (decision == Decision.ALLOW) {
                allowing.add(policy.label());
            }
        }
        Optional<Labeled> boundary = boundary(caller);
        Decision bounded = boundary.map(b -> b.parsed().evaluate(context)).orElse(Decision.ALLOW);
        boundary.filter(b -> bounded == Decision.EXPLICIT_DENY).ifPresent(b -> denying.add(b.label()));
        boolean sessionPolicies = caller.session() != null && caller.session().hasSessionPolicies();
        Decision session = sessionPolicies ? sessionPoliciesDecision(caller, context) : Decision.ALLOW;
        if (session == Decision.EXPLICIT_DENY) {
            denying.add("the session policies");
        }
        if (!denying.isEmpty()) {
            return new Explanation(true, denying, "an explicit deny");
        }
        if (caller.type() == Caller.Type.FEDERATED_USER && !sessionPolicies) {
            return new Explanation(false, List.of(), "a federated user without session policies has no permissions");
        }
        if (allowing.isEmpty()) {
            return new Explanation(false, List.of(), "no identity-based policy allows the action");
        }
        if (bounded != Decision.ALLOW) {
            return new Explanation(false, List.of(boundary.orElseThrow().label()), "the permissions boundary does not allow the action");
        }
        return new Explanation(false, List.of("the session policies"), "no session policy allows the action");
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

    private List<Labeled> identityPolicies(Caller caller) {
        return switch (caller.type()) {
            case ROOT -> List.of();
            case FEDERATED_USER -> federationIssuerPolicies(caller);
            case IAM_USER -> callerUser(caller).map(entities::ofUser).orElse(List.of());
            case ASSUMED_ROLE -> sessionRole(caller).map(entities::ofRole).orElse(List.of());
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

    /** The permissions boundary of the caller's user or role (for a federated user, of the user who asked for its token). */
    private Optional<Labeled> boundary(Caller caller) {
        String arn = switch (caller.type()) {
            case ROOT -> null;
            case IAM_USER -> callerUser(caller).map(UserView::permissionsBoundary).orElse(null);
            case FEDERATED_USER -> federationIssuer(caller).map(UserView::permissionsBoundary).orElse(null);
            case ASSUMED_ROLE -> sessionRole(caller).map(RoleView::permissionsBoundary).orElse(null);
        };
        return entities.boundary(caller.accountId(), arn);
    }

    /** The user who asked for a federated user's token; empty when the root user did. */
    private Optional<UserView> federationIssuer(Caller caller) {
        String issuer = caller.session().issuerArn();
        return issuer.endsWith(":root") ? Optional.empty() : directory.user(new UserRef(caller.accountId(), nameOf(issuer)));
    }

    /**
     * A federated user acts with the permissions of the user who asked for its token (intersected with the session
     * policy; without one it may do nothing). The root user's permissions are not policies: then the session
     * policy alone decides, represented here as a policy that allows everything.
     */
    private List<Labeled> federationIssuerPolicies(Caller caller) {
        if (caller.session().issuerArn().endsWith(":root")) {
            return List.of(ROOT_PERMISSIONS);
        }
        return federationIssuer(caller).map(entities::ofUser).orElse(List.of());
    }

    private static String nameOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
