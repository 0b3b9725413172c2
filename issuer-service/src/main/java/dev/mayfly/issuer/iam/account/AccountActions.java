package dev.mayfly.issuer.iam.account;

import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import java.util.List;

/** The IAM actions on the account itself: its alias and its summary. */
public final class AccountActions implements ActionGroup {

    private final IamServices services;

    public AccountActions(IamServices services) {
        this.services = services;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreateAccountAliasAction(services),
                new DeleteAccountAliasAction(services),
                new ListAccountAliasesAction(services),
                new GetAccountSummaryAction(services));
    }
}
