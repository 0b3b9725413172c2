package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserCommands.DeleteAccessKey;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** DeleteAccessKey: the key stops working and its sealed secret is destroyed, in one transaction. */
public final class DeleteAccessKeyAction extends DeclaredAction {

    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final CredentialVault vault;
    private final CommandGateway commands;

    public DeleteAccessKeyAction(IdentityDirectory directory, Authorizer authorizer, CredentialVault vault, CommandGateway commands) {
        super("DeleteAccessKey", AwsService.IAM, false);
        this.directory = directory;
        this.authorizer = authorizer;
        this.vault = vault;
        this.commands = commands;
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
