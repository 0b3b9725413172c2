package dev.mayfly.issuer.iam.account;

import dev.mayfly.issuer.api.AccountAliasRef;
import dev.mayfly.issuer.api.AccountCommands.ReleaseAccountAlias;
import dev.mayfly.issuer.api.AccountCommands.RemoveAccountAlias;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import java.util.List;

/** DeleteAccountAlias: NoSuchEntity unless the alias is the caller's account's; then any account may claim it. */
final class DeleteAccountAliasAction extends IamAction {

    DeleteAccountAliasAction(IamServices services) {
        super("DeleteAccountAlias", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String alias = AccountAliasParameter.of(context.parameters());
        authorizer.authorize(context.caller(), "iam:DeleteAccountAlias", "*", context.conditionKeys());
        AccountId account = context.caller().accountId();
        commands.sendAndWait(new RemoveAccountAlias(account, alias));
        commands.sendAndWait(new ReleaseAccountAlias(new AccountAliasRef(alias), account));
        return ActionResult.empty(List.of());
    }
}
