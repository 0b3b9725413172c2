package dev.mayfly.issuer.iam.accesskeys;

import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.AccessKeyUsage;
import java.util.List;

/**
 * The IAM actions on access keys, a user's or (without UserName) the caller's own; the secrets are sealed in the vault.
 */
public final class AccessKeyActions implements ActionGroup {

    private final IamServices services;
    private final CredentialVault vault;
    private final AccessKeyUsage usage;

    public AccessKeyActions(IamServices services, CredentialVault vault, AccessKeyUsage usage) {
        this.services = services;
        this.vault = vault;
        this.usage = usage;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreateAccessKeyAction(services, vault),
                new ListAccessKeysAction(services),
                new UpdateAccessKeyAction(services),
                new DeleteAccessKeyAction(services, vault),
                new GetAccessKeyLastUsedAction(services, usage));
    }
}
