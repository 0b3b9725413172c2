package dev.mayfly.issuer.iam.authorizationdetails;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.runtime.AwsServiceException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * GetAccountAuthorizationDetails: the account's users, groups and roles with their policies, its customer-managed
 * policies, and the AWS-managed policies it uses (attached, or a boundary), each kind in name order, paged over all of
 * them together (MaxItems, Marker). Filter chooses kinds: User, Role, Group, LocalManagedPolicy, AWSManagedPolicy.
 */
final class GetAccountAuthorizationDetailsAction extends IamAction {

    private static final List<String> FILTERS = List.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");
    private static final List<String> LISTS = List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies");
    /**
     * A page ends, before MaxItems if need be, once its policy documents pass this many characters: URL-encoded in
     * the answer they can triple, and 1,000 managed policies of five 6,144-character versions would otherwise make a
     * 90 MB answer, a few of which at once exhaust the issuer's heap. IAM's pages may end early too (IsTruncated
     * with fewer than MaxItems), which every paginator follows.
     */
    static final long PAGE_DOCUMENT_CHARACTERS = 1_000_000;

    GetAccountAuthorizationDetailsAction(IamServices services) {
        super("GetAccountAuthorizationDetails", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        Set<String> filter = Set.copyOf(context.parameters().members("Filter"));
        filter.forEach(kind -> {
            if (!FILTERS.contains(kind)) {
                throw AwsServiceException.validation("1 validation error detected: Value '[" + (kind.length() > 64 ? kind.substring(0, 64) : kind)
                        + "]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
                        + FILTERS + "]");
            }
        });
        authorizer.authorize(context.caller(), "iam:GetAccountAuthorizationDetails", "*", context.conditionKeys());
        Pages<AccountDetail> page = boundedBySize(Pages.of(details(context.caller().accountId(),
                kind -> filter.isEmpty() || filter.contains(kind)), context.parameters()), context);
        return new ActionResult(xml -> write(xml, page), null, List.of());
    }

    private List<AccountDetail> details(AccountId account, Predicate<String> wanted) {
        List<AccountDetail> details = new ArrayList<>();
        if (wanted.test("User")) {
            directory.usersIn(account).stream().sorted(Comparator.comparing(UserView::userName)).map(AccountDetail.User::new)
                    .forEach(details::add);
        }
        if (wanted.test("Group")) {
            directory.groupsIn(account).stream().sorted(Comparator.comparing(group -> group.groupName()))
                    .map(AccountDetail.Group::new).forEach(details::add);
        }
        if (wanted.test("Role")) {
            directory.rolesIn(account).stream().sorted(Comparator.comparing(RoleView::roleName)).map(AccountDetail.Role::new)
                    .forEach(details::add);
        }
        Map<String, Long> boundaryUsage = directory.boundaryUsage(account);
        Stream<ManagedPolicyView> local = wanted.test("LocalManagedPolicy") ? directory.managedPoliciesIn(account).stream() : Stream.empty();
        Stream<ManagedPolicyView> aws = wanted.test("AWSManagedPolicy") ? directory.awsManagedPolicies(account).stream()
                .filter(policy -> policy.attachmentCount() > 0 || boundaryUsage.containsKey(policy.arn())) : Stream.empty();
        Stream.concat(local, aws).sorted(Comparator.comparing((ManagedPolicyView p) -> p.policyName().toLowerCase(Locale.ROOT))
                        .thenComparing(ManagedPolicyView::arn))
                .map(policy -> new AccountDetail.Policy(policy, boundaryUsage.getOrDefault(policy.arn(), 0L))).forEach(details::add);
        return details;
    }

    /** The page's first members whose documents stay within {@link #PAGE_DOCUMENT_CHARACTERS}, at least one. */
    private static Pages<AccountDetail> boundedBySize(Pages<AccountDetail> page, ActionContext context) {
        List<AccountDetail> kept = new ArrayList<>();
        long characters = 0;
        for (AccountDetail detail : page.items()) {
            characters += detail.documentCharacters();
            if (!kept.isEmpty() && characters > PAGE_DOCUMENT_CHARACTERS) {
                break;
            }
            kept.add(detail);
        }
        return page.endedAfter(kept, context.parameters());
    }

    /** Every list, in IAM's order, each with this page's members of its kind; then IsTruncated and Marker. */
    private void write(XmlWriter xml, Pages<AccountDetail> page) {
        for (String list : LISTS) {
            xml.start(list);
            page.items().stream().filter(detail -> detail.list().equals(list)).forEach(detail -> {
                xml.start("member");
                detail.write(xml, directory);
                xml.end();
            });
            xml.end();
        }
        xml.element("IsTruncated", page.truncated()).element("Marker", page.nextMarker());
    }
}
