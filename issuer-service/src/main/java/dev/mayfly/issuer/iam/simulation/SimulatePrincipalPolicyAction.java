package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.policy.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * SimulatePrincipalPolicy: the policies of a user (with its groups'), group or role, and any PolicyInputList added to
 * them, decided for each action and resource as a request of theirs would be. A permissions boundary given replaces
 * the entity's. CallerArn (an IAM user) is who calls; by default the user simulated. Authorized as
 * iam:SimulatePrincipalPolicy on the entity.
 */
final class SimulatePrincipalPolicyAction extends IamAction {

    private final PolicySimulator simulator;

    SimulatePrincipalPolicyAction(IamServices services, PolicySimulator simulator) {
        super("SimulatePrincipalPolicy", true, services);
        this.simulator = simulator;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String sourceArn = context.parameters().required("PolicySourceArn", "policySourceArn", 20, 2048);
        SimulationRequest request = SimulationRequest.from(context.parameters());
        SimulatedEntity entity = SimulatedEntity.find(services, context, "iam:SimulatePrincipalPolicy", sourceArn);
        if (request.resourcePolicy() != null && request.callerArn() == null && entity.user() == null) {
            throw SimulationRequest.invalid("CallerArn is required with a ResourcePolicy when PolicySourceArn is not a user: the "
                    + "resource-based policy's Principal needs someone to match.");
        }
        List<SimulationPolicy> identity = new ArrayList<>(entity.policies());
        identity.addAll(request.inputPolicies());
        String account = context.caller().accountId().value();
        Principal caller = request.callerArn() != null ? Callers.user(directory, request.callerArn(), account)
                : entity.user() != null ? entity.user() : new Principal(entity.arn(), account);
        boolean callerIsUser = request.callerArn() != null || entity.user() != null;
        Scenario scenario = new Scenario(identity, request.boundary() != null ? request.boundary() : entity.boundary(),
                request.resourcePolicy(), caller, callerIsUser, request.resourceOwner() == null ? account : request.resourceOwner(),
                request.actions(), request.resources(), request.resourcesNamed(), request.context());
        Pages<EvaluationResult> page = simulator.simulate(scenario, context.parameters());
        return new ActionResult(xml -> SimulationXml.write(xml, page), null, List.of());
    }
}
