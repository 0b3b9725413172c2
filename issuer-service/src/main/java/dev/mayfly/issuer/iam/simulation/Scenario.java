package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.policy.Principal;
import java.util.List;
import java.util.Map;

/**
 * What a simulation decides: who calls (with which policies), which actions on which resources, in which context.
 *
 * @param identity       the identity-based policies
 * @param boundary       the permissions boundary, or null
 * @param resourcePolicy the resource-based policy of every simulated resource, or null
 * @param caller         who calls, as a resource-based policy sees it; its account is the caller's account
 * @param callerIsUser   whether the caller is an IAM user, whose aws:username and aws:userid the context gets
 * @param resourceOwner  the account that owns a resource whose ARN names none (ResourceOwner, or the caller's)
 * @param actions        ActionNames
 * @param resources      ResourceArns ({@code *} when none was given)
 * @param resourcesNamed whether ResourceArns were given: then each action's results tell each resource's too
 * @param context        ContextEntries, by key
 */
record Scenario(List<SimulationPolicy> identity, SimulationPolicy boundary, SimulationPolicy resourcePolicy, Principal caller,
                boolean callerIsUser, String resourceOwner, List<String> actions, List<String> resources, boolean resourcesNamed,
                Map<String, List<String>> context) {
}
