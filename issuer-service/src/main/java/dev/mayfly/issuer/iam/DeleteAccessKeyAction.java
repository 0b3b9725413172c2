package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserCommands.DeleteAccessKey;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;

/** DeleteAccessKey: the key stops working and its sealed secret is destroyed, in one transaction. */
public final class DeleteAccessKeyAction extends IamAction {

    private final CredentialVault vault;

    public DeleteAccessKeyAction(IamServices services, CredentialVault vault) {
        super("DeleteAccessKey", false, services);
        this.vault = vault;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String userName = IamParameters.userNameOrCaller(context.parameters(), context.caller());
        String accessKeyId = IamParameters.accessKeyId(context.parameters());
        UserRef ref = new UserRef(context.caller().accountId(), userName);
        UserView user = ExistingResource.user(directory, authorizer, context, "iam:DeleteAccessKey", userName);
        commands.sendAndWait(new DeleteAccessKey(ref, accessKeyId, context.now()));
        vault.delete(accessKeyId);
        return ActionResult.empty(List.of(new Resource(user.arn(), ref.account().value(), "AWS::IAM::User")));
    }
}
