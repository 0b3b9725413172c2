package dev.mayfly.issuer.iam.account;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.outbound.OutboundIssuers;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.AccountView;
import dev.mayfly.issuer.query.Views.OutboundFederation;
import java.util.List;

/**
 * GetOutboundWebIdentityFederationInfo: the account's issuer URL and whether its principals may ask for tokens now
 * (JwtVendingEnabled); FeatureDisabled while the feature was never enabled, so that the account has no issuer URL.
 */
final class GetOutboundWebIdentityFederationInfoAction extends IamAction {

    private final OutboundIssuers issuers;

    GetOutboundWebIdentityFederationInfoAction(IamServices services, OutboundIssuers issuers) {
        super("GetOutboundWebIdentityFederationInfo", true, services);
        this.issuers = issuers;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        authorizer.authorize(context.caller(), "iam:GetOutboundWebIdentityFederationInfo", "*", context.conditionKeys());
        OutboundFederation federation = directory.account(context.caller().accountId()).map(AccountView::outboundFederation)
                .orElseThrow(IamErrors::featureDisabled);
        String issuerUrl = issuers.issuerUrl(federation.issuerId());
        return new ActionResult(xml -> xml.element("IssuerIdentifier", issuerUrl).element("JwtVendingEnabled", federation.enabled()),
                null, List.of());
    }
}
