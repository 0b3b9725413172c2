package dev.mayfly.issuer.iam.account;

import dev.mayfly.issuer.api.AccountAliasRef;
import dev.mayfly.issuer.api.AccountCommands.ClaimAccountAlias;
import dev.mayfly.issuer.api.AccountCommands.ReleaseAccountAlias;
import dev.mayfly.issuer.api.AccountCommands.SetAccountAlias;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import java.util.List;

/**
 * CreateAccountAlias. The alias is claimed among every account first (EntityAlreadyExists when another holds it), then
 * set on the caller's account. An account has one alias, and, as IAM documents, a new one overwrites the previous,
 * whose claim is released for any account to take. The call is one transaction. Creating the alias the account has
 * already changes nothing.
 */
final class CreateAccountAliasAction extends IamAction {

    CreateAccountAliasAction(IamServices services) {
        super("CreateAccountAlias", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String alias = AccountAliasParameter.of(context.parameters());
        authorizer.authorize(context.caller(), "iam:CreateAccountAlias", "*", context.conditionKeys());
        AccountId account = context.caller().accountId();
        AccountAliasRef ref = new AccountAliasRef(alias);
        commands.sendAndWait(new ClaimAccountAlias(ref, account));
        String replaced = commands.sendAndWait(new SetAccountAlias(account, alias));
        if (replaced != null) {
            commands.sendAndWait(new ReleaseAccountAlias(new AccountAliasRef(replaced), account));
        }
        return ActionResult.empty(List.of());
    }
}
