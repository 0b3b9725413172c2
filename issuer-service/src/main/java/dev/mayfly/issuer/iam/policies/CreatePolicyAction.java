package dev.mayfly.issuer.iam.policies;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.PolicyCommands.CreatePolicy;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.iam.AccountQuota;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.ManagedPolicyXml;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.PolicyVersion;
import dev.mayfly.policy.PolicyDocument;
import java.util.List;
import java.util.Map;

/** CreatePolicy: a customer-managed policy, its document version v1 and the default, and its tags. */
final class CreatePolicyAction extends IamAction {

    /** IAM's quota for a managed policy document (PolicySize). */
    static final int QUOTA = 6144;

    CreatePolicyAction(IamServices services) {
        super("CreatePolicy", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        QueryParameters parameters = context.parameters();
        String name = IamParameters.policyName(parameters);
        String path = IamParameters.path(parameters);
        String document = IamParameters.policy(parameters, "PolicyDocument", "policyDocument", QUOTA, "PolicySize",
                PolicyDocument::requireIdentityPolicy);
        String description = parameters.optional("Description", "description", 0, 1000, null);
        Map<String, String> tags = Tags.parse(parameters, "InvalidInput");
        PolicyRef ref = new PolicyRef(context.caller().accountId(), name);
        String arn = "arn:aws:iam::" + ref.account().value() + ":policy" + path + name;
        authorizeCreation(context, "iam:CreatePolicy", "iam:TagPolicy", arn, tags);
        AccountQuota.POLICIES.requireRoomForOneMore(directory, context.caller().accountId());
        String policyId = CredentialIds.policyId();
        commands.sendAndWait(new CreatePolicy(ref, path, policyId, document, description, tags, context.now()));
        ManagedPolicyView created = new ManagedPolicyView(ref.account(), name, policyId, path, arn, description, context.now(),
                context.now(), Map.of("v1", new PolicyVersion("v1", document, null, context.now())), "v1", 0, tags);
        return new ActionResult(xml -> ManagedPolicyXml.write(xml, created, 0), Map.of("policy", Map.of("policyName", name,
                "policyId", policyId, "arn", arn, "defaultVersionId", "v1")),
                List.of(new Resource(arn, ref.account().value(), "AWS::IAM::Policy")));
    }
}
