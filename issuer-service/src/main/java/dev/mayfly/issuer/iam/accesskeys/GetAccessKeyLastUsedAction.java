package dev.mayfly.issuer.iam.accesskeys;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.AccessKeyUsage;
import dev.mayfly.issuer.query.Views.AccessKeyUse;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import java.util.List;
import java.util.Optional;

/**
 * GetAccessKeyLastUsed: when a long-term key of the caller's account last signed a request to the issuer, for which
 * service and region ("N/A" when never), as every issuer wrote it ({@link AccessKeyUsage}). A key of another account is not found.
 */
final class GetAccessKeyLastUsedAction extends IamAction {

    private final AccessKeyUsage usage;

    GetAccessKeyLastUsedAction(IamServices services, AccessKeyUsage usage) {
        super("GetAccessKeyLastUsed", true, services);
        this.usage = usage;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String keyId = IamParameters.accessKeyId(context.parameters());
        Optional<AccessKeyView> key = directory.accessKey(keyId).filter(k -> k.accountId().equals(context.caller().accountId()));
        String owner = key.filter(k -> !k.isRoot())
                .flatMap(k -> directory.user(new UserRef(k.accountId(), k.userName()))).map(u -> u.arn())
                .orElse("arn:aws:iam::" + context.caller().accountId().value() + ":root");
        authorizer.authorize(context.caller(), "iam:GetAccessKeyLastUsed", owner, context.conditionKeys());
        AccessKeyView found = key.orElseThrow(() -> IamErrors.accessKeyNotFound(keyId));
        Optional<AccessKeyUse> use = usage.lastUse(keyId);
        return new ActionResult(xml -> {
            xml.element("UserName", found.userName());
            xml.start("AccessKeyLastUsed").element("LastUsedDate", use.map(AccessKeyUse::at).orElse(null))
                    .element("ServiceName", use.map(AccessKeyUse::serviceName).orElse("N/A"))
                    .element("Region", use.map(AccessKeyUse::region).orElse("N/A")).end();
        }, null, List.of(new Resource(owner, found.accountId().value(), found.isRoot() ? "AWS::IAM::Root" : "AWS::IAM::User")));
    }
}
