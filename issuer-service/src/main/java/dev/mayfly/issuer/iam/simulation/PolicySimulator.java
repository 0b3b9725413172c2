package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.iam.simulation.EvaluationResult.Matched;
import dev.mayfly.issuer.iam.simulation.EvaluationResult.ResourceResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.policy.Decision;
import dev.mayfly.policy.Effect;
import dev.mayfly.policy.RequestContext;
import dev.mayfly.policy.decision.AccessDecision;
import dev.mayfly.policy.decision.NamedPolicy;
import dev.mayfly.policy.decision.Outcome;
import dev.mayfly.policy.decision.PolicySource;
import dev.mayfly.policy.decision.Requester;
import dev.mayfly.policy.decision.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides a {@link Scenario} with the {@link AccessDecision} that decides real requests: the scenario's policies stand
 * for one identity's, and each action on each resource is decided as a request of that identity would be. The results
 * then say which of the policies' statements decided, what the boundary said, and which context keys were missing.
 */
final class PolicySimulator {

    /** The simulated identity, as the decision's policy source knows it: no IAM ARN can be this. */
    private static final String SIMULATED = "simulated-identity";
    private static final String ALLOWED = "allowed";
    private static final String EXPLICIT_DENY = "explicitDeny";
    private static final String IMPLICIT_DENY = "implicitDeny";
    private static final List<String> RESTRICTIVENESS = List.of(ALLOWED, IMPLICIT_DENY, EXPLICIT_DENY);

    /**
     * The most MatchedStatements and MissingContextValues one answer holds, over all its results. Each result repeats
     * the statements that decided it, so a policy of many statements that all match, simulated for many actions and
     * resources, would otherwise answer a request of a few kilobytes with hundreds of megabytes held in the heap.
     */
    static final int MAX_ENTRIES_PER_PAGE = 10_000;

    /**
     * The most time one page spends deciding. A decision costs what its conditions cost, and a simulation brings both
     * the policies and the context values: wildcard patterns of hundreds of characters against context values of
     * thousands cost a fifth of a second a decision, so 1,000 of them held a thread for minutes of CPU.
     */
    static final Duration MAX_DECIDING_PER_PAGE = Duration.ofSeconds(2);

    /**
     * The page of results that MaxItems and Marker ask for, its actions alone decided. The page ends early (truncated,
     * as IAM may end a page before MaxItems) before an action whose results would take it past
     * {@link #MAX_ENTRIES_PER_PAGE} or {@link #MAX_DECIDING_PER_PAGE}; one action that alone would is refused.
     */
    Pages<EvaluationResult> simulate(Scenario scenario, QueryParameters parameters) {
        long deadline = System.nanoTime() + MAX_DECIDING_PER_PAGE.toNanos();
        Pages<String> actions = Pages.of(scenario.actions(), parameters);
        Simulation simulation = new Simulation(scenario);
        List<EvaluationResult> results = new ArrayList<>();
        int entries = 0;
        for (String action : actions.items()) {
            List<ResourceResult> each = new ArrayList<>();
            int actionEntries = 0;
            for (String resource : scenario.resources()) {
                ResourceResult result = simulation.decide(action, resource);
                each.add(result);
                actionEntries += entries(result);
                boolean tooLarge = entries + actionEntries > MAX_ENTRIES_PER_PAGE;
                if (tooLarge || System.nanoTime() - deadline > 0) {
                    if (results.isEmpty()) {
                        throw SimulationRequest.invalid("The results for " + SimulationRequest.shorten(action) + (tooLarge
                                ? " would hold more than " + MAX_ENTRIES_PER_PAGE + " matched statements and missing context values"
                                : " take more than " + MAX_DECIDING_PER_PAGE.toSeconds() + " seconds to decide")
                                + ": simulate fewer ResourceArns at once.");
                    }
                    return actions.endedAfter(results, parameters);
                }
            }
            ResourceResult overall = together(each);
            entries += actionEntries + (each.size() == 1 ? 0 : entries(overall));
            results.add(new EvaluationResult(action, overall, scenario.resourcesNamed() ? each : List.of()));
        }
        return actions.endedAfter(results, parameters);
    }

    /** What a result adds to the answer's size. */
    private static int entries(ResourceResult result) {
        return 1 + result.matched().size() + result.missing().size();
    }

    /**
     * An action's result over all its resources: the most restrictive decision, the statements and missing keys of the
     * resources that had it; one resource's own result when there is one.
     */
    private static ResourceResult together(List<ResourceResult> each) {
        if (each.size() == 1) {
            return each.getFirst();
        }
        String decision = each.stream().map(ResourceResult::decision).max((a, b) -> RESTRICTIVENESS.indexOf(a) - RESTRICTIVENESS.indexOf(b))
                .orElse(IMPLICIT_DENY);
        List<ResourceResult> deciding = each.stream().filter(result -> result.decision().equals(decision)).toList();
        List<Matched> matched = deciding.stream().flatMap(result -> result.matched().stream()).distinct().toList();
        List<String> missing = each.stream().flatMap(result -> result.missing().stream()).distinct().toList();
        Boolean boundary = each.getFirst().allowedByBoundary() == null ? null
                : each.stream().allMatch(result -> Boolean.TRUE.equals(result.allowedByBoundary()));
        return new ResourceResult("*", decision, matched, missing, Map.of(), boundary);
    }

    /** One scenario's decision component and policies, made once for all its actions and resources. */
    private static final class Simulation {

        private final Scenario scenario;
        private final AccessDecision decision;
        private final Requester requester;
        private final Map<String, SimulationPolicy> byLabel = new HashMap<>();
        private final Map<String, List<String>> context;
        private final NamedPolicy resourcePolicy;
        private final List<String> missing;

        Simulation(Scenario scenario) {
            this.scenario = scenario;
            List<NamedPolicy> identity = new ArrayList<>();
            for (SimulationPolicy policy : scenario.identity()) {
                identity.add(labeled(policy));
            }
            NamedPolicy boundary = scenario.boundary() == null ? null : labeled(scenario.boundary());
            this.resourcePolicy = scenario.resourcePolicy() == null ? null : labeled(scenario.resourcePolicy());
            PolicySource.Identity simulated = new PolicySource.Identity(null, identity, boundary);
            this.decision = new AccessDecision(new PolicySource() {
                @Override
                public Optional<Identity> identity(String arn) {
                    return SIMULATED.equals(arn) ? Optional.of(simulated) : Optional.empty();
                }

                @Override
                public List<NamedPolicy> managedPolicy(String arn) {
                    return List.of();
                }
            });
            this.requester = new Requester(Requester.Kind.USER, scenario.caller(), SIMULATED, null, null, List.of());
            this.context = context(scenario, requester);
            this.missing = missing(scenario, context);
        }

        private NamedPolicy labeled(SimulationPolicy policy) {
            NamedPolicy named = policy.named(byLabel.size());
            byLabel.put(named.label(), policy);
            return named;
        }

        /**
         * The context a request of the caller would carry about itself (an IAM user's aws:username, aws:userid...), and
         * over it the keys the simulation gives.
         */
        private static Map<String, List<String>> context(Scenario scenario, Requester requester) {
            Map<String, List<String>> keys = new LinkedHashMap<>();
            if (scenario.callerIsUser()) {
                String userId = scenario.caller().uniqueId() == null ? scenario.caller().arn() : scenario.caller().uniqueId();
                requester.conditionKeys(userId, Map.of()).forEach((key, values) -> {
                    if (absent(scenario.context(), key)) {
                        keys.put(key, values);
                    }
                });
            }
            keys.putAll(scenario.context());
            return keys;
        }

        ResourceResult decide(String action, String arn) {
            String owner = Optional.ofNullable(Resource.accountOf(arn)).filter(account -> account.matches("\\d{12}"))
                    .orElse(scenario.resourceOwner());
            Outcome outcome = decision.decide(requester, action, new Resource(arn, owner, resourcePolicy == null ? null
                    : resourcePolicy.document()), context);
            RequestContext identityContext = new RequestContext(action, arn, null, context);
            RequestContext resourceContext = new RequestContext(action, arn, requester.principal(), context);
            String decided = name(outcome.decision());
            List<Matched> matched = new ArrayList<>();
            if (outcome.decision() != Decision.NOT_APPLICABLE) {
                Effect effect = outcome.allowed() ? Effect.ALLOW : Effect.DENY;
                for (String label : outcome.policies()) {
                    SimulationPolicy policy = byLabel.get(label);
                    if (policy != null) {
                        RequestContext seen = policy == scenario.resourcePolicy() ? resourceContext : identityContext;
                        policy.parsed().applying(seen, effect).forEach(i -> matched.add(new Matched(policy.sourceId(), policy.sourceType(),
                                policy.statements().get(i))));
                    }
                }
            }
            Boolean allowedByBoundary = scenario.boundary() == null ? null
                    : scenario.boundary().parsed().evaluate(identityContext) == Decision.ALLOW;
            return new ResourceResult(arn, decided, matched, missing, details(arn, owner, action, identityContext, resourceContext),
                    allowedByBoundary);
        }

        /**
         * EvalDecisionDetails as IAM gives them: none over "*", an empty map within the caller's account, and across
         * accounts what each side said (both must allow).
         */
        private Map<String, String> details(String arn, String owner, String action, RequestContext identityContext,
                                            RequestContext resourceContext) {
            if (arn.equals("*")) {
                return null;
            }
            if (owner.equals(requester.accountId())) {
                return Map.of();
            }
            Outcome identitySide = decision.decide(requester, action, new Resource(arn, requester.accountId(), null), context);
            Decision resourceSide = resourcePolicy == null ? Decision.NOT_APPLICABLE : resourcePolicy.document().evaluate(resourceContext);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("IAM Policy", name(identitySide.decision()));
            details.put("Resource Policy", name(resourceSide));
            return details;
        }

        private static String name(Decision decision) {
            return switch (decision) {
                case ALLOW -> ALLOWED;
                case EXPLICIT_DENY -> EXPLICIT_DENY;
                case NOT_APPLICABLE -> IMPLICIT_DENY;
            };
        }

        /** The keys the scenario's policies' conditions read that its context lacks. */
        private static List<String> missing(Scenario scenario, Map<String, List<String>> context) {
            Set<String> missing = new LinkedHashSet<>();
            Stream.concat(scenario.identity().stream(), Stream.of(scenario.boundary(), scenario.resourcePolicy()))
                    .filter(policy -> policy != null)
                    .forEach(policy -> policy.parsed().conditionKeys().stream().filter(key -> absent(context, key)).forEach(missing::add));
            return List.copyOf(missing);
        }

        private static boolean absent(Map<String, List<String>> keys, String key) {
            return keys.keySet().stream().noneMatch(present -> present.equalsIgnoreCase(key));
        }
    }
}
