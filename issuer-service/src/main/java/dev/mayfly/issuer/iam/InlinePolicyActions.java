package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.InlinePolicy;
import java.util.List;
import java.util.Map;

/**
 * GetUserPolicy, GetRolePolicy, ListUserPolicies, ListRolePolicies: the inline policies of a user or a role.
 * Get answers the document URL-encoded, as IAM does; List answers the names, paged.
 */
public final class InlinePolicyActions {

    private InlinePolicyActions() {
    }

    /** What the actions need of their entity: its ARN, its policies, how IAM names it in elements and errors. */
    private record Owner(String arn, String accountId, Map<String, InlinePolicy> policies, String nameElement, String name,
                         String resourceType) {
    }

    @FunctionalInterface
    private interface OwnerLookup {
        Owner find(ActionContext context, String action);
    }

    public static List<QueryAction> all(IdentityDirectory directory, Authorizer authorizer) {
        OwnerLookup user = (context, action) -> {
            var u = ExistingResource.user(directory, authorizer, context, action, IamParameters.userName(context.parameters()));
            return new Owner(u.arn(), u.accountId().value(), u.policies(), "UserName", u.userName(), "AWS::IAM::User");
        };
        OwnerLookup role = (context, action) -> {
            var r = ExistingResource.role(directory, authorizer, context, action, IamParameters.roleName(context.parameters()));
            return new Owner(r.arn(), r.accountId().value(), r.policies(), "RoleName", r.roleName(), "AWS::IAM::Role");
        };
        return List.of(get("GetUserPolicy", user), get("GetRolePolicy", role), list("ListUserPolicies", user), list("ListRolePolicies", role));
    }

    private static QueryAction get(String name, OwnerLookup lookup) {
        return new DeclaredAction(name, AwsService.IAM, true) {
            @Override
            public ActionResult execute(ActionContext context) {
                String policyName = IamParameters.policyName(context.parameters());
                Owner owner = lookup.find(context, "iam:" + name);
                InlinePolicy policy = owner.policies().get(policyName);
                if (policy == null) {
                    throw IamErrors.noSuchEntity("The " + (owner.nameElement().equals("UserName") ? "user" : "role") + " policy with name "
                            + policyName + " cannot be found.");
                }
                return new ActionResult(xml -> xml.element(owner.nameElement(), owner.name()).element("PolicyName", policy.name())
                        .element("PolicyDocument", RoleXml.encoded(policy.document())), null,
                        List.of(new Resource(owner.arn(), owner.accountId(), owner.resourceType())));
            }
        };
    }

    private static QueryAction list(String name, OwnerLookup lookup) {
        return new DeclaredAction(name, AwsService.IAM, true) {
            @Override
            public ActionResult execute(ActionContext context) {
                Owner owner = lookup.find(context, "iam:" + name);
                Pages<String> page = Pages.of(owner.policies().keySet().stream().sorted().toList(), context.parameters());
                return new ActionResult(xml -> page.write(xml, "PolicyNames", (member, policyName) -> member.text(policyName)), null,
                        List.of(new Resource(owner.arn(), owner.accountId(), owner.resourceType())));
            }
        };
    }
}
