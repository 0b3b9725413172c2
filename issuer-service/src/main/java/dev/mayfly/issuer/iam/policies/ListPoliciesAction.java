package dev.mayfly.issuer.iam.policies;

import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.ManagedPolicyXml;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * ListPolicies: the account's customer-managed policies (Scope Local or All; Mayfly provides no AWS-managed policies,
 * so Scope AWS lists none), filtered by PathPrefix, OnlyAttached and PolicyUsageFilter, by name, paged.
 */
final class ListPoliciesAction extends IamAction {

    ListPoliciesAction(IamServices services) {
        super("ListPolicies", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        QueryParameters parameters = context.parameters();
        String scope = QueryParameters.matching(parameters.optional("Scope", "scope", 1, 5, "All"), "scope", "All|AWS|Local");
        boolean onlyAttached = Boolean.parseBoolean(parameters.get("OnlyAttached"));
        String usage = parameters.get("PolicyUsageFilter") == null ? null
                : QueryParameters.matching(parameters.get("PolicyUsageFilter"), "policyUsageFilter", "PermissionsPolicy|PermissionsBoundary");
        String prefix = IamParameters.pathPrefix(parameters);
        authorizer.authorize(context.caller(), "iam:ListPolicies", "*", context.conditionKeys());
        var account = context.caller().accountId();
        Map<String, Long> boundaryUsage = new java.util.HashMap<>();
        for (ManagedPolicyView policy : directory.managedPoliciesIn(account)) {
            boundaryUsage.put(policy.arn(), directory.boundaryUsageCount(account, policy.arn()));
        }
        Predicate<ManagedPolicyView> used = switch (usage == null ? "" : usage) {
            case "PermissionsPolicy" -> p -> p.attachmentCount() > 0;
            case "PermissionsBoundary" -> p -> boundaryUsage.get(p.arn()) > 0;
            default -> p -> p.attachmentCount() > 0 || boundaryUsage.get(p.arn()) > 0;
        };
        List<ManagedPolicyView> matching = scope.equals("AWS") ? List.of() : directory.managedPoliciesIn(account).stream()
                .filter(p -> p.path().startsWith(prefix))
                .filter(p -> (!onlyAttached && usage == null) || used.test(p))
                .toList();
        Pages<ManagedPolicyView> page = Pages.of(matching, parameters);
        return new ActionResult(xml -> page.write(xml, "Policies", (member, policy) ->
                ManagedPolicyXml.fields(member, policy, boundaryUsage.getOrDefault(policy.arn(), 0L))), null, List.of());
    }
}
