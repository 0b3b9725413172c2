package dev.mayfly.issuer.iam.account;

import dev.mayfly.issuer.api.AccountCommands.DisableOutboundWebIdentityFederation;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import java.util.List;

/**
 * DisableOutboundWebIdentityFederation: no new web identity token for the account's principals; FeatureDisabled when
 * not enabled. As AWS documents, tokens already issued are not affected: the issuer's keys stay published.
 */
final class DisableOutboundWebIdentityFederationAction extends IamAction {

    DisableOutboundWebIdentityFederationAction(IamServices services) {
        super("DisableOutboundWebIdentityFederation", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        authorizer.authorize(context.caller(), "iam:DisableOutboundWebIdentityFederation", "*", context.conditionKeys());
        commands.sendAndWait(new DisableOutboundWebIdentityFederation(context.caller().accountId()));
        return ActionResult.empty(List.of());
    }
}
