package dev.mayfly.issuer.iam.users;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserCommands.PutUserPolicy;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.policy.PolicyDocument;
import java.util.List;

/** PutUserPolicy: adds or replaces a user's inline policy. */
final class PutUserPolicyAction extends IamAction {

    /** IAM's quota for a user's inline policies (UserPolicySize). */
    static final int QUOTA = 2048;

    PutUserPolicyAction(IamServices services) {
        super("PutUserPolicy", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String userName = IamParameters.userName(context.parameters());
        String policyName = IamParameters.policyName(context.parameters());
        String document = IamParameters.policy(context.parameters(), "PolicyDocument", "policyDocument", QUOTA,
                "UserPolicySize", PolicyDocument::requireIdentityPolicy);
        UserRef ref = new UserRef(context.caller().accountId(), userName);
        UserView user = ExistingResource.user(directory, authorizer, context, "iam:PutUserPolicy", userName);
        commands.sendAndWait(new PutUserPolicy(ref, policyName, document));
        return ActionResult.empty(List.of(new Resource(user.arn(), ref.account().value(), "AWS::IAM::User")));
    }
}
