package dev.mayfly.issuer.iam.account;

import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.AccountView;
import java.util.List;
import java.util.Optional;

/** ListAccountAliases: the caller's account's alias, if it has one (IAM allows one), paged as IAM pages it. */
final class ListAccountAliasesAction extends IamAction {

    ListAccountAliasesAction(IamServices services) {
        super("ListAccountAliases", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        authorizer.authorize(context.caller(), "iam:ListAccountAliases", "*", context.conditionKeys());
        List<String> aliases = directory.account(context.caller().accountId()).map(AccountView::alias).flatMap(Optional::ofNullable)
                .stream().toList();
        Pages<String> page = Pages.of(aliases, context.parameters());
        return new ActionResult(xml -> page.write(xml, "AccountAliases", (member, alias) -> member.text(alias)), null, List.of());
    }
}
