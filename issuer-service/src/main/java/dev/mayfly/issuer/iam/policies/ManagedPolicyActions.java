package dev.mayfly.issuer.iam.policies;

import dev.mayfly.awspolicies.AwsManagedPolicies;
import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.PolicyCommands.CreatePolicyVersion;
import dev.mayfly.issuer.api.PolicyCommands.DeletePolicy;
import dev.mayfly.issuer.api.PolicyCommands.DeletePolicyVersion;
import dev.mayfly.issuer.api.PolicyCommands.SetDefaultPolicyVersion;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.ManagedPolicyXml;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.iam.PolicyArns;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.PolicyVersion;
import dev.mayfly.policy.PolicyDocument;
import java.util.Comparator;
import java.util.List;

/**
 * The actions on one managed policy, named by its ARN: GetPolicy, DeletePolicy and its versions (Create, Get, List,
 * Delete, SetDefault), each a named class that {@link PolicyActions} serves. The caller's own policies may be read and
 * changed; AWS-managed ones only read (Mayfly holds their default version only).
 */
final class ManagedPolicyActions {

    private ManagedPolicyActions() {
    }

    /** GetPolicy. */
    static final class GetPolicyAction extends IamAction {

        GetPolicyAction(IamServices services) {
            super("GetPolicy", true, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            ManagedPolicyView policy = find(directory, authorizer, context, "iam:GetPolicy");
            long boundaryUsage = directory.boundaryUsageCount(policy.accountId(), policy.arn());
            return new ActionResult(xml -> ManagedPolicyXml.write(xml, policy, boundaryUsage), null, resources(policy));
        }
    }

    /** DeletePolicy. */
    static final class DeletePolicyAction extends IamAction {

        DeletePolicyAction(IamServices services) {
            super("DeletePolicy", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            ManagedPolicyView policy = findToChange(directory, authorizer, context, "iam:DeletePolicy");
            commands.sendAndWait(new DeletePolicy(PolicyArns.ref(policy), context.now()));
            return ActionResult.empty(resources(policy));
        }
    }

    /** CreatePolicyVersion. */
    static final class CreatePolicyVersionAction extends IamAction {

        CreatePolicyVersionAction(IamServices services) {
            super("CreatePolicyVersion", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String document = IamParameters.policy(context.parameters(), "PolicyDocument", "policyDocument",
                    CreatePolicyAction.QUOTA, "PolicySize", PolicyDocument::requireIdentityPolicy);
            boolean setAsDefault = Boolean.parseBoolean(context.parameters().get("SetAsDefault"));
            ManagedPolicyView policy = findToChange(directory, authorizer, context, "iam:CreatePolicyVersion");
            String versionId = commands.sendAndWait(new CreatePolicyVersion(PolicyArns.ref(policy), document, setAsDefault, context.now()));
            return new ActionResult(xml -> ManagedPolicyXml.write(xml, new PolicyVersion(versionId, document, null,
                    context.now()), setAsDefault, false), null, resources(policy));
        }
    }

    /** GetPolicyVersion. */
    static final class GetPolicyVersionAction extends IamAction {

        GetPolicyVersionAction(IamServices services) {
            super("GetPolicyVersion", true, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String versionId = IamParameters.versionId(context.parameters());
            ManagedPolicyView policy = find(directory, authorizer, context, "iam:GetPolicyVersion");
            PolicyVersion version = policy.versions().get(versionId);
            if (version == null) {
                throw IamErrors.noSuchEntity("Policy " + policy.arn() + " version " + versionId + " does not exist.");
            }
            return new ActionResult(xml -> ManagedPolicyXml.write(xml, version, versionId.equals(policy.defaultVersionId()), true),
                    null, resources(policy));
        }
    }

    /** ListPolicyVersions. */
    static final class ListPolicyVersionsAction extends IamAction {

        ListPolicyVersionsAction(IamServices services) {
            super("ListPolicyVersions", true, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            ManagedPolicyView policy = find(directory, authorizer, context, "iam:ListPolicyVersions");
            Pages<PolicyVersion> page = Pages.of(newestFirst(policy), context.parameters());
            return new ActionResult(xml -> page.write(xml, "Versions", (member, version) -> ManagedPolicyXml.versionFields(
                    member, version, version.versionId().equals(policy.defaultVersionId()), false)), null, resources(policy));
        }
    }

    /** SetDefaultPolicyVersion. */
    static final class SetDefaultPolicyVersionAction extends IamAction {

        SetDefaultPolicyVersionAction(IamServices services) {
            super("SetDefaultPolicyVersion", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String versionId = IamParameters.versionId(context.parameters());
            ManagedPolicyView policy = findToChange(directory, authorizer, context, "iam:SetDefaultPolicyVersion");
            commands.sendAndWait(new SetDefaultPolicyVersion(PolicyArns.ref(policy), versionId, context.now()));
            return ActionResult.empty(resources(policy));
        }
    }

    /** DeletePolicyVersion. */
    static final class DeletePolicyVersionAction extends IamAction {

        DeletePolicyVersionAction(IamServices services) {
            super("DeletePolicyVersion", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String versionId = IamParameters.versionId(context.parameters());
            ManagedPolicyView policy = findToChange(directory, authorizer, context, "iam:DeletePolicyVersion");
            commands.sendAndWait(new DeletePolicyVersion(PolicyArns.ref(policy), versionId));
            return ActionResult.empty(resources(policy));
        }
    }

    /** Authorizes against the policy's ARN, then finds it (NoSuchEntity when it does not exist, or is another account's). */
    static ManagedPolicyView find(IdentityDirectory directory, Authorizer authorizer, ActionContext context, String action) {
        String arn = PolicyArns.validated(context.parameters());
        authorizer.authorize(context.caller(), action, arn, context.conditionKeys());
        return PolicyArns.existing(directory, arn, context.caller().accountId()).orElseThrow(() ->
                IamErrors.noSuchEntity("Policy " + arn + " does not exist or is not attachable."));
    }

    /**
     * As {@link #find}, for an action that changes the policy. An AWS-managed policy is AWS's, in AWS's account and not
     * the caller's: like another account's resource that no resource-based policy opens, no identity policy of any
     * tenant (nor its root user) may change it, so AccessDenied whether it exists or not.
     */
    static ManagedPolicyView findToChange(IdentityDirectory directory, Authorizer authorizer, ActionContext context, String action) {
        String arn = PolicyArns.validated(context.parameters());
        if (AwsManagedPolicies.isAwsManaged(arn)) {
            throw authorizer.refusalOfAwsOwned(context.caller(), action, arn, context.conditionKeys());
        }
        return find(directory, authorizer, context, action);
    }

    /** A policy's versions, the newest first, as IAM lists them. */
    private static List<PolicyVersion> newestFirst(ManagedPolicyView policy) {
        return policy.versions().values().stream()
                .sorted(Comparator.comparingInt((PolicyVersion v) -> Integer.parseInt(v.versionId().substring(1))).reversed()).toList();
    }

    static List<Resource> resources(ManagedPolicyView policy) {
        return List.of(new Resource(policy.arn(), policy.accountId().value(), "AWS::IAM::Policy"));
    }
}
