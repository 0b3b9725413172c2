package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * GetContextKeysForPrincipalPolicy and GetContextKeysForCustomPolicy: the condition keys the policies read, which a
 * simulation's ContextEntries should give. Keys are compared without regard to case, as IAM compares them.
 */
final class ContextKeysActions {

    private ContextKeysActions() {
    }

    /** GetContextKeysForPrincipalPolicy: an entity's policies (a user's with its groups'), and any PolicyInputList. */
    static final class ForPrincipalPolicy extends IamAction {

        ForPrincipalPolicy(IamServices services) {
            super("GetContextKeysForPrincipalPolicy", true, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String sourceArn = context.parameters().required("PolicySourceArn", "policySourceArn", 20, 2048);
            List<SimulationPolicy> inputs = SimulationRequest.policies(context.parameters(), "PolicyInputList");
            SimulatedEntity entity = SimulatedEntity.find(services, context, "iam:GetContextKeysForPrincipalPolicy", sourceArn);
            List<SimulationPolicy> policies = new ArrayList<>(entity.policies());
            policies.addAll(inputs);
            return keys(policies);
        }
    }

    /** GetContextKeysForCustomPolicy: the policies given. */
    static final class ForCustomPolicy extends IamAction {

        ForCustomPolicy(IamServices services) {
            super("GetContextKeysForCustomPolicy", true, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            context.parameters().required("PolicyInputList.member.1", "policyInputList", 1, Integer.MAX_VALUE);
            List<SimulationPolicy> policies = SimulationRequest.policies(context.parameters(), "PolicyInputList");
            authorizer.authorize(context.caller(), "iam:GetContextKeysForCustomPolicy", "*", context.conditionKeys());
            return keys(policies);
        }
    }

    private static ActionResult keys(List<SimulationPolicy> policies) {
        Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> inOrder = new LinkedHashSet<>();
        policies.forEach(policy -> policy.parsed().conditionKeys().forEach(key -> {
            if (keys.add(key)) {
                inOrder.add(key);
            }
        }));
        return new ActionResult(xml -> SimulationXml.strings(xml, "ContextKeyNames", inOrder), null, List.of());
    }
}
