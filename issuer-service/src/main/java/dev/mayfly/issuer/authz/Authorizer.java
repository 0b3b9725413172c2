package dev.mayfly.issuer.authz;

import dev.mayfly.contract.RevocationRule;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.AuthorizationMessages.Explanation;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.policy.Decision;
import dev.mayfly.policy.decision.AccessDecision;
import dev.mayfly.policy.decision.Outcome;
import dev.mayfly.policy.decision.Resource;
import dev.mayfly.revocationfeed.Freshness;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.revocationfeed.SessionFacts;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a caller may do an action on a resource: a revoked session may do nothing; otherwise the
 * {@link AccessDecision} verifiers make too decides: the root user may do anything in its own account; anyone else needs
 * an identity policy that allows it and none that denies it, within its permissions boundary and its session policies;
 * nobody acts on another account's resources unless a resource-based policy of that account grants it. Every refusal
 * carries an encoded authorization message that says which policies decided (DecodeAuthorizationMessage reads it).
 */
public final class Authorizer {

    private final IdentityDirectory directory;
    private final AccessDecision decision;
    private final RevocationIndex revocations;
    private final AuthorizationMessages messages;
    private final Freshness freshness;
    private final Clock clock;

    /** @param freshness whether the revocation index is recent enough to let session credentials through */
    public Authorizer(IdentityDirectory directory, RevocationIndex revocations, AuthorizationMessages messages, Freshness freshness,
                      Clock clock) {
        this.directory = directory;
        this.decision = new AccessDecision(new DirectoryPolicySource(directory));
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
        Outcome outcome = decide(caller, action, issuerResource(caller, resource), conditionKeys);
        if (!outcome.allowed()) {
            throw denied(caller, action, named, why(action, outcome), explanation(outcome), conditionKeys);
        }
    }

    /**
     * The refusal of a change to what AWS owns (an AWS-managed policy, arn:aws:iam::aws:policy/...): it is decided as
     * the resource of AWS's account that it is, not of the caller's, and no resource-based policy opens it to any tenant,
     * so the decision refuses it whatever the caller's policies say (a revoked caller is refused as revoked).
     *
     * @return AccessDenied in AWS's words, with the encoded authorization message, for the caller to throw
     */
    public AwsServiceException refusalOfAwsOwned(Caller caller, String action, String arn, Map<String, List<String>> conditionKeys) {
        refuseRevoked(caller, action, arn);
        Outcome outcome = decide(caller, action, new Resource(arn, "aws", null), conditionKeys);
        if (outcome.allowed()) {
            throw new IllegalStateException("the decision allowed a change to " + arn + ", which no resource-based policy opens");
        }
        return denied(caller, action, arn, why(action, outcome), explanation(outcome), conditionKeys);
    }

    /**
     * The access decision for a caller, the one the verifiers make too: its identity side, the resource's policy, and the
     * tenant boundary between the caller's account and the resource's.
     */
    public Outcome decide(Caller caller, String action, Resource resource, Map<String, List<String>> conditionKeys) {
        return decision.decide(caller.requester(), action, resource, conditionKeys);
    }

    /** A refusal's explanation, for its authorization message: the policies that decided. */
    public static Explanation explanation(Outcome outcome) {
        return new Explanation(outcome.decision() == Decision.EXPLICIT_DENY, outcome.policies(), outcome.reason());
    }

    /**
     * Where the issuer's resources live: IAM entities, sessions, workloads in the account their ARN names, so that a caller
     * naming another account's entity meets the tenant boundary, with no resource-based policy to let it through. An ARN
     * that names no account ("*" for a list action, or what another Mayfly service asks about) is in the caller's own
     * account, since every such action acts only there; so is an AWS-managed policy (account "aws") for the actions that
     * read or attach it, which are every tenant's to make ({@link #refusalOfAwsOwned} decides the changes to it).
     */
    static Resource issuerResource(Caller caller, String arn) {
        String account = Resource.accountOf(arn);
        return new Resource(arn, account == null || account.equals("aws") ? caller.accountId().value() : account, null);
    }

    /** What follows the resource in an AccessDenied's message, in AWS's words. */
    private static String why(String action, Outcome outcome) {
        String side = outcome.resourceSide() ? "resource-based policy" : "identity-based policy";
        return outcome.decision() == Decision.EXPLICIT_DENY ? " with an explicit deny in " + (outcome.resourceSide() ? "a " : "an ") + side
                : " because no " + side + " allows the " + action + " action";
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
     * Refuses to change the ARN of a user a quarantine names (UpdateUser's new name or path): under another ARN the
     * quarantine would no longer hold it back. Fails closed, as {@link #refuseQuarantined} does.
     */
    public void refuseMovingQuarantined(String accountId, String arn, String action) {
        Instant now = clock.instant();
        refuseWhileRulesMayBeMissing("A new name or path", now);
        Optional<RevocationRule> quarantine = revocations.quarantining(accountId, List.of(arn), now);
        if (quarantine.isPresent()) {
            throw AwsServiceException.accessDenied("Not authorized to perform " + action + " on resource: " + arn + ": it is quarantined"
                    + " until " + quarantine.get().issuedBefore() + " by rule " + quarantine.get().ruleId()
                    + ": its name and path stay as they are until then");
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
                    + "(" + freshness.staleness(now) + "). Try again shortly.", 503);
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

}
