package dev.mayfly.issuer.iam.policies;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.ManagedPolicyXml;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * ListPolicies: the account's customer-managed policies (Scope Local), the AWS-managed policies Mayfly provides with
 * this account's attachment counts (Scope AWS), or both (All, the default), filtered by PathPrefix, OnlyAttached and
 * PolicyUsageFilter, by name, paged.
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
        AccountId account = context.caller().accountId();
        Map<String, Long> boundaryUsage = directory.boundaryUsage(account);
        Predicate<ManagedPolicyView> used = switch (usage == null ? "" : usage) {
            case "PermissionsPolicy" -> p -> p.attachmentCount() > 0;
            case "PermissionsBoundary" -> p -> boundaryUsage.containsKey(p.arn());
            default -> p -> p.attachmentCount() > 0 || boundaryUsage.containsKey(p.arn());
        };
        List<ManagedPolicyView> matching = inScope(scope, account).stream()
                .filter(p -> p.path().startsWith(prefix))
                .filter(p -> (!onlyAttached && usage == null) || used.test(p))
                .toList();
        Pages<ManagedPolicyView> page = Pages.of(matching, parameters);
        return new ActionResult(xml -> page.write(xml, "Policies", (member, policy) ->
                ManagedPolicyXml.fields(member, policy, boundaryUsage.getOrDefault(policy.arn(), 0L))), null, List.of());
    }

    /** The policies of a scope, by name without regard to case (then by ARN: an account may name one as AWS did). */
    private List<ManagedPolicyView> inScope(String scope, AccountId account) {
        return switch (scope) {
            case "AWS" -> directory.awsManagedPolicies(account);
            case "Local" -> directory.managedPoliciesIn(account);
            default -> Stream.concat(directory.awsManagedPolicies(account).stream(), directory.managedPoliciesIn(account).stream())
                    .sorted(Comparator.comparing((ManagedPolicyView p) -> p.policyName().toLowerCase(Locale.ROOT))
                            .thenComparing(ManagedPolicyView::arn))
                    .toList();
        };
    }
}
