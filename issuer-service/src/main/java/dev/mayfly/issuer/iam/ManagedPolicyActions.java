package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.PolicyCommands.CreatePolicyVersion;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.PolicyVersion;
import dev.mayfly.policy.PolicyDocument;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** GetPolicy, CreatePolicyVersion and GetPolicyVersion: a managed policy of the caller's account, by its ARN. */
public final class ManagedPolicyActions {

    private ManagedPolicyActions() {
    }

    public static List<QueryAction> all(IdentityDirectory directory, Authorizer authorizer, CommandGateway commands) {
        return List.of(
                new DeclaredAction("GetPolicy", AwsService.IAM, true) {
                    @Override
                    public ActionResult execute(ActionContext context) {
                        ManagedPolicyView policy = find(directory, authorizer, context, "iam:GetPolicy");
                        return new ActionResult(xml -> ManagedPolicyXml.write(xml, policy), null, resources(policy));
                    }
                },
                new DeclaredAction("CreatePolicyVersion", AwsService.IAM, false) {
                    @Override
                    public ActionResult execute(ActionContext context) {
                        String document = IamParameters.policy(context.parameters(), "PolicyDocument", "policyDocument",
                                CreatePolicyAction.QUOTA, "PolicySize", PolicyDocument::requireIdentityPolicy);
                        boolean setAsDefault = Boolean.parseBoolean(context.parameters().get("SetAsDefault"));
                        ManagedPolicyView policy = find(directory, authorizer, context, "iam:CreatePolicyVersion");
                        commands.sendAndWait(new CreatePolicyVersion(new PolicyRef(policy.accountId(), policy.policyName()),
                                document, setAsDefault, context.now()));
                        String versionId = "v" + (policy.versions().keySet().stream().mapToInt(v -> Integer.parseInt(v.substring(1)))
                                .max().orElse(0) + 1);
                        return new ActionResult(xml -> ManagedPolicyXml.write(xml, new PolicyVersion(versionId, document, null,
                                context.now()), setAsDefault, false), null, resources(policy));
                    }
                },
                new DeclaredAction("GetPolicyVersion", AwsService.IAM, true) {
                    @Override
                    public ActionResult execute(ActionContext context) {
                        String versionId = dev.mayfly.issuer.protocol.QueryParameters.matching(
                                context.parameters().required("VersionId", "versionId", 2, 128), "versionId", "v[1-9][0-9]*");
                        ManagedPolicyView policy = find(directory, authorizer, context, "iam:GetPolicyVersion");
                        PolicyVersion version = policy.versions().get(versionId);
                        if (version == null) {
                            throw IamErrors.noSuchEntity("Policy " + policy.arn() + " version " + versionId + " does not exist.");
                        }
                        return new ActionResult(xml -> ManagedPolicyXml.write(xml, version, versionId.equals(policy.defaultVersionId()), true),
                                null, resources(policy));
                    }
                });
    }

    /** Authorizes against the policy's ARN, then finds it (NoSuchEntity when it does not exist). */
    static ManagedPolicyView find(IdentityDirectory directory, Authorizer authorizer, ActionContext context, String action) {
        PolicyRef ref = PolicyArns.of(context.parameters(), context.caller().accountId());
        authorizer.authorize(context.caller(), action, context.parameters().get("PolicyArn"), context.conditionKeys());
        return directory.managedPolicy(ref).orElseThrow(() ->
                IamErrors.noSuchEntity("Policy " + context.parameters().get("PolicyArn") + " does not exist or is not attachable."));
    }

    private static List<Resource> resources(ManagedPolicyView policy) {
        return List.of(new Resource(policy.arn(), policy.accountId().value(), "AWS::IAM::Policy"));
    }
}
