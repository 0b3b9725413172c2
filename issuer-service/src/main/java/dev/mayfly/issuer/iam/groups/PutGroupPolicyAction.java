package dev.mayfly.issuer.iam.groups;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.GroupCommands.PutGroupPolicy;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.policy.PolicyDocument;
import java.util.List;

/** PutGroupPolicy: adds or replaces a group's inline policy, which counts for every member. */
final class PutGroupPolicyAction extends IamAction {

    /** IAM's quota for a group's inline policies (GroupPolicySize). */
    static final int QUOTA = 5120;

    PutGroupPolicyAction(IamServices services) {
        super("PutGroupPolicy", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String groupName = IamParameters.groupName(context.parameters());
        String policyName = IamParameters.policyName(context.parameters());
        String document = IamParameters.policy(context.parameters(), "PolicyDocument", "policyDocument", QUOTA,
                "GroupPolicySize", PolicyDocument::requireIdentityPolicy);
        GroupView group = ExistingResource.group(directory, authorizer, context, "iam:PutGroupPolicy", groupName);
        commands.sendAndWait(new PutGroupPolicy(new GroupRef(group.accountId(), group.groupName()), policyName, document));
        return ActionResult.empty(List.of(new Resource(group.arn(), group.accountId().value(), "AWS::IAM::Group")));
    }
}
