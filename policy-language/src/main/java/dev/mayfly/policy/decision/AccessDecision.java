package dev.mayfly.policy.decision;

import dev.mayfly.policy.Decision;
import dev.mayfly.policy.Evaluation;
import dev.mayfly.policy.RequestContext;
import dev.mayfly.policy.ResourceGrant;
import dev.mayfly.policy.decision.IdentitySide.Layers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a requester may do an action on a resource, as AWS's policy evaluation logic decides it: an explicit deny in
 * any policy refuses; within the resource's account the identity side (identity-based policies within the permissions
 * boundary and session policies) or the resource-based policy may allow; across accounts both must, so that no tenant
 * acts on another's resources unless that tenant's resource-based policy grants it. The root user's permissions stop at
 * its own account like any identity's. A resource whose owning account is unknown is refused.
 */
public final class AccessDecision {

    private final IdentitySide identitySide;

    public AccessDecision(PolicySource source) {
        this.identitySide = new IdentitySide(source);
    }

    /**
     * Whether the requester may do the action on the resource, and which policies decided.
     *
     * @param action        "service:Action"
     * @param resource      what the request acts on; one whose owning account is unknown is refused
     * @param conditionKeys the condition keys of the request
     */
    public Outcome decide(Requester requester, String action, Resource resource, Map<String, List<String>> conditionKeys) {
        if (resource.accountId() == null) {
            return Outcome.refused(true, List.of(), "the account that owns the resource is unknown");
        }
        Optional<Layers> layers = identitySide.of(requester);
        if (layers.isEmpty()) {
            return Outcome.refused(false, List.of(), "the requester's user or role no longer exists");
        }
        RequestContext identityContext = new RequestContext(action, resource.arn(), null, conditionKeys);
        Layer identity = Layer.of(layers.get().identity(), identityContext);
        Layer boundary = layers.get().boundary() == null ? null : Layer.of(List.of(layers.get().boundary()), identityContext);
        Layer session = layers.get().session() == null ? null : Layer.of(layers.get().session(), identityContext);
        RequestContext resourceContext = new RequestContext(action, resource.arn(), requester.principal(), conditionKeys);
        Layer granting = resource.policy() == null ? null
                : Layer.of(List.of(new NamedPolicy("the resource-based policy of " + resource.arn(), resource.policy())), resourceContext);
        ResourceGrant grant = resource.policy() == null ? ResourceGrant.NONE : resource.policy().grant(resourceContext);
        boolean sameAccount = resource.accountId().equals(requester.accountId());
        Evaluation evaluation = new Evaluation(identity.decision(), decision(boundary), decision(session), decision(granting), grant,
                sameAccount);
        if (evaluation.allowed()) {
            List<String> allowing = new ArrayList<>(identity.allowing());
            if (granting != null) {
                allowing.addAll(granting.allowing());
            }
            return new Outcome(Decision.ALLOW, false, allowing, "allowed");
        }
        return refusal(requester, identity, boundary, session, granting);
    }

    /**
     * Why a request is refused, in the order a reader looks for it: explicit denies, then the identity side's layers,
     * then (across accounts) the resource side.
     */
    private static Outcome refusal(Requester requester, Layer identity, Layer boundary, Layer session, Layer granting) {
        List<String> identityDenying = Stream.of(identity, boundary, session).filter(layer -> layer != null)
                .flatMap(layer -> layer.denying().stream()).distinct().toList();
        List<String> denying = granting == null ? identityDenying
                : Stream.concat(identityDenying.stream(), granting.denying().stream()).toList();
        if (!denying.isEmpty()) {
            return new Outcome(Decision.EXPLICIT_DENY, identityDenying.isEmpty(), denying, "an explicit deny");
        }
        if (requester.kind() == Requester.Kind.FEDERATED_USER && !requester.hasSessionPolicies()) {
            return Outcome.refused(false, List.of(), "a federated user without session policies has no permissions");
        }
        if (identity.allowing().isEmpty()) {
            return Outcome.refused(false, List.of(), "no identity-based policy allows the action");
        }
        if (boundary != null && boundary.decision() != Decision.ALLOW) {
            return Outcome.refused(false, boundary.labels(), "the permissions boundary does not allow the action");
        }
        if (session != null && session.decision() != Decision.ALLOW) {
            return Outcome.refused(false, List.of(IdentitySide.SESSION_POLICIES), "no session policy allows the action");
        }
        // the identity side allows: only a resource in another account refuses it, granting nothing to the requester
        return Outcome.refused(true, granting == null ? List.of() : granting.labels(),
                "the resource is another account's and no resource-based policy allows the action");
    }

    private static Decision decision(Layer layer) {
        return layer == null ? null : layer.decision();
    }

    /** The policies of one layer together, and which of them allow and which deny. */
    private record Layer(Decision decision, List<NamedPolicy> policies, List<String> allowing, List<String> denying) {

        static Layer of(List<NamedPolicy> policies, RequestContext context) {
            Decision combined = Decision.NOT_APPLICABLE;
            List<String> allowing = List.of();
            List<String> denying = List.of();
            for (NamedPolicy policy : policies) {
                Decision decision = policy.document().evaluate(context);
                combined = combined.combine(decision);
                // lists made only when a policy is named: most layers of most decisions name none, or one
                if (decision == Decision.ALLOW) {
                    allowing = added(allowing, policy.label());
                } else if (decision == Decision.EXPLICIT_DENY) {
                    denying = added(denying, policy.label());
                }
            }
            return new Layer(combined, policies, allowing, denying);
        }

        private static List<String> added(List<String> labels, String label) {
            if (labels.isEmpty()) {
                return List.of(label);
            }
            List<String> more = new ArrayList<>(labels.size() + 1);
            more.addAll(labels);
            more.add(label);
            return more;
        }

        /** The labels of the layer's policies, each once: what a refusal names. */
        List<String> labels() {
            return policies.stream().map(NamedPolicy::label).distinct().toList();
        }
    }
}
