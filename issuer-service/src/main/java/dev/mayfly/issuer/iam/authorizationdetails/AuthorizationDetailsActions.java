package dev.mayfly.issuer.iam.authorizationdetails;

import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import java.util.List;

/** GetAccountAuthorizationDetails. */
public final class AuthorizationDetailsActions implements ActionGroup {

    private final IamServices services;

    public AuthorizationDetailsActions(IamServices services) {
        this.services = services;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(new GetAccountAuthorizationDetailsAction(services));
    }
}
