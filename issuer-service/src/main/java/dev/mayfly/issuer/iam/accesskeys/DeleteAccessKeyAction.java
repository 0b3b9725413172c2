package dev.mayfly.issuer.iam.accesskeys;

import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import java.util.List;

/** DeleteAccessKey (a user's, or the root's own): the key stops working and its sealed secret is destroyed, in one transaction. */
final class DeleteAccessKeyAction extends IamAction {

    private final CredentialVault vault;

    DeleteAccessKeyAction(IamServices services, CredentialVault vault) {
        super("DeleteAccessKey", false, services);
        this.vault = vault;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String accessKeyId = IamParameters.accessKeyId(context.parameters());
        AccessKeyOwner owner = AccessKeyOwner.authorized(directory, authorizer, context, "iam:DeleteAccessKey");
        commands.sendAndWait(owner.delete(accessKeyId, context.now()));
        vault.delete(accessKeyId);
        return ActionResult.empty(List.of(owner.resource()));
    }
}
