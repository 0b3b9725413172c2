package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.policy.Principal;
import java.util.List;

/**
 * SimulateCustomPolicy: policies given as text (PolicyInputList, a permissions boundary, a resource-based policy),
 * decided for each action and resource as they would decide a request of an identity that had them. Authorized as
 * iam:SimulateCustomPolicy; it reads nothing of the account but the CallerArn's user id.
 */
final class SimulateCustomPolicyAction extends IamAction {

    private final PolicySimulator simulator;

    SimulateCustomPolicyAction(IamServices services, PolicySimulator simulator) {
        super("SimulateCustomPolicy", true, services);
        this.simulator = simulator;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        context.parameters().required("PolicyInputList.member.1", "policyInputList", 1, Integer.MAX_VALUE);
        SimulationRequest request = SimulationRequest.from(context.parameters());
        authorizer.authorize(context.caller(), "iam:SimulateCustomPolicy", "*", context.conditionKeys());
        if (request.resourcePolicy() != null && request.callerArn() == null) {
            throw SimulationRequest.invalid("CallerArn is required with a ResourcePolicy: the resource-based policy's Principal "
                    + "needs someone to match.");
        }
        String account = context.caller().accountId().value();
        Principal caller = request.callerArn() != null ? Callers.user(directory, request.callerArn(), account)
                : new Principal("arn:aws:iam::" + account + ":root", account);
        Scenario scenario = new Scenario(request.inputPolicies(), request.boundary(), request.resourcePolicy(), caller,
                request.callerArn() != null, request.resourceOwner() == null ? account : request.resourceOwner(), request.actions(),
                request.resources(), request.resourcesNamed(), request.context());
        Pages<EvaluationResult> page = simulator.simulate(scenario, context.parameters());
        return new ActionResult(xml -> SimulationXml.write(xml, page), null, List.of());
    }
}
