package dev.mayfly.issuer.iam.account;

import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.outbound.OutboundIssuers;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import java.util.List;

/** The IAM actions on the account itself: its alias, its summary and its outbound web identity federation. */
public final class AccountActions implements ActionGroup {

    private final IamServices services;
    private final OutboundIssuers outboundIssuers;

    public AccountActions(IamServices services, OutboundIssuers outboundIssuers) {
        this.services = services;
        this.outboundIssuers = outboundIssuers;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreateAccountAliasAction(services),
                new DeleteAccountAliasAction(services),
                new ListAccountAliasesAction(services),
                new GetAccountSummaryAction(services),
                new EnableOutboundWebIdentityFederationAction(services, outboundIssuers),
                new DisableOutboundWebIdentityFederationAction(services),
                new GetOutboundWebIdentityFederationInfoAction(services, outboundIssuers));
    }
}
