package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserCommands.CreateAccessKey;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * CreateAccessKey. The secret is sealed into the vault in the same transaction as the event that creates
 * the key; it appears in this response and nowhere else, ever.
 */
public final class CreateAccessKeyAction extends DeclaredAction {

    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final CredentialVault vault;
    private final CommandGateway commands;

    public CreateAccessKeyAction(IdentityDirectory directory, Authorizer authorizer, CredentialVault vault, CommandGateway commands) {
        super("CreateAccessKey", AwsService.IAM, false);
        this.directory = directory;
        this.authorizer = authorizer;
        this.vault = vault;
        this.commands = commands;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        Caller caller = context.caller();
        String userName = IamParameters.userNameOrCaller(context.parameters(), caller);
        UserRef ref = new UserRef(caller.accountId(), userName);
        UserView user = ExistingResource.user(directory, authorizer, context, "iam:CreateAccessKey", userName);
        String accessKeyId = CredentialIds.accessKeyId();
        String secret = CredentialIds.secretAccessKey();
        vault.store(accessKeyId, caller.accountId().value(), secret);
        commands.sendAndWait(new CreateAccessKey(ref, accessKeyId, context.now()));
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("userName", user.userName());
        recorded.put("accessKeyId", accessKeyId);
        recorded.put("status", "Active");
        recorded.put("createDate", XmlWriter.timestamp(context.now()));
        return new ActionResult(xml -> xml.start("AccessKey").element("UserName", user.userName())
                .element("AccessKeyId", accessKeyId).element("Status", "Active").element("SecretAccessKey", secret)
                .element("CreateDate", context.now()).end(),
                Map.of("accessKey", recorded), List.of(new Resource(user.arn(), caller.accountId().value(), "AWS::IAM::User")));
    }
}
