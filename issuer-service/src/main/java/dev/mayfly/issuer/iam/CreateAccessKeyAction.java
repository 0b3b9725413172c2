package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserCommands.CreateAccessKey;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateAccessKey. The secret is sealed into the vault in the same transaction as the event that creates
 * the key; it appears in this response and nowhere else, ever.
 */
public final class CreateAccessKeyAction extends IamAction {

    private final CredentialVault vault;

    public CreateAccessKeyAction(IamServices services, CredentialVault vault) {
        super("CreateAccessKey", false, services);
        this.vault = vault;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        Caller caller = context.caller();
        String userName = IamParameters.userNameOrCaller(context.parameters(), caller);
        UserRef ref = new UserRef(caller.accountId(), userName);
        UserView user = ExistingResource.user(directory, authorizer, context, "iam:CreateAccessKey", userName);
        String accessKeyId = CredentialIds.accessKeyId(caller.accountId().value());
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
