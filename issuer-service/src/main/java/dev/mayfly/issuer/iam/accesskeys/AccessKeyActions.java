package dev.mayfly.issuer.iam.accesskeys;

import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import java.util.List;

/**
 * The IAM actions on access keys, a user's or (without UserName) the caller's own; the secrets are sealed in the vault.
 */
public final class AccessKeyActions implements ActionGroup {

    private final IamServices services;
    private final CredentialVault vault;

    public AccessKeyActions(IamServices services, CredentialVault vault) {
        this.services = services;
        this.vault = vault;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreateAccessKeyAction(services, vault),
                new ListAccessKeysAction(services),
                new UpdateAccessKeyAction(services),
                new DeleteAccessKeyAction(services, vault),
                new GetAccessKeyLastUsedAction(services));
    }
}
