package dev.mayfly.issuer.iam.accesskeys;

import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.XmlWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateAccessKey, for a user or (without UserName, called by the root) for the root user. The secret is sealed into the
 * vault in the same transaction as the event that creates the key; it appears in this response and nowhere else, ever.
 */
final class CreateAccessKeyAction extends IamAction {

    private final CredentialVault vault;

    CreateAccessKeyAction(IamServices services, CredentialVault vault) {
        super("CreateAccessKey", false, services);
        this.vault = vault;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        AccessKeyOwner owner = AccessKeyOwner.authorized(directory, authorizer, context, "iam:CreateAccessKey");
        String account = context.caller().accountId().value();
        String accessKeyId = CredentialIds.accessKeyId(account);
        String secret = CredentialIds.secretAccessKey();
        vault.store(accessKeyId, account, secret);
        commands.sendAndWait(owner.create(accessKeyId, context.now()));
        Map<String, Object> recorded = new LinkedHashMap<>();
        if (owner.userName() != null) {
            recorded.put("userName", owner.userName());
        }
        recorded.put("accessKeyId", accessKeyId);
        recorded.put("status", "Active");
        recorded.put("createDate", XmlWriter.timestamp(context.now()));
        return new ActionResult(xml -> xml.start("AccessKey").element("UserName", owner.userName())
                .element("AccessKeyId", accessKeyId).element("Status", "Active").element("SecretAccessKey", secret)
                .element("CreateDate", context.now()).end(),
                Map.of("accessKey", recorded), List.of(owner.resource()));
    }
}
