package dev.mayfly.issuer.iam.account;

import dev.mayfly.issuer.api.AccountCommands.EnableOutboundWebIdentityFederation;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.outbound.OutboundIssuers;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import java.util.List;
import java.util.Map;

/**
 * EnableOutboundWebIdentityFederation: the account's principals may ask for web identity tokens (STS
 * GetWebIdentityToken) from now on; answers the account's issuer URL. FeatureEnabled when already enabled. An account
 * enabled again after a disabling keeps its first issuer URL, which the parties it federates with already trust.
 */
final class EnableOutboundWebIdentityFederationAction extends IamAction {

    private final OutboundIssuers issuers;

    EnableOutboundWebIdentityFederationAction(IamServices services, OutboundIssuers issuers) {
        super("EnableOutboundWebIdentityFederation", false, services);
        this.issuers = issuers;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        authorizer.authorize(context.caller(), "iam:EnableOutboundWebIdentityFederation", "*", context.conditionKeys());
        String issuerId = commands.sendAndWait(new EnableOutboundWebIdentityFederation(context.caller().accountId(),
                OutboundIssuers.newIssuerId()));
        String issuerUrl = issuers.issuerUrl(issuerId);
        return new ActionResult(xml -> xml.element("IssuerIdentifier", issuerUrl), Map.of("issuerIdentifier", issuerUrl), List.of());
    }
}
