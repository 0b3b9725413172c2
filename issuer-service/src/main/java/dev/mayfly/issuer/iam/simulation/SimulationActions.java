package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import java.util.List;

/** IAM's policy simulator and the context keys its policies read. */
public final class SimulationActions implements ActionGroup {

    private final IamServices services;

    public SimulationActions(IamServices services) {
        this.services = services;
    }

    @Override
    public List<QueryAction> actions() {
        PolicySimulator simulator = new PolicySimulator();
        return List.of(
                new SimulatePrincipalPolicyAction(services, simulator),
                new SimulateCustomPolicyAction(services, simulator),
                new ContextKeysActions.ForPrincipalPolicy(services),
                new ContextKeysActions.ForCustomPolicy(services));
    }
}
