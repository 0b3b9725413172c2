package dev.mayfly.issuer.iam.accesskeys;

import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import java.util.List;

/** ListAccessKeys: a user's keys, or the root's own, with their status, never their secrets. */
final class ListAccessKeysAction extends IamAction {

    ListAccessKeysAction(IamServices services) {
        super("ListAccessKeys", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        AccessKeyOwner owner = AccessKeyOwner.authorized(directory, authorizer, context, "iam:ListAccessKeys");
        Pages<AccessKeyView> page = Pages.of(owner.keys(directory), context.parameters());
        return new ActionResult(xml -> page.write(xml, "AccessKeyMetadata", (member, key) -> member
                        .element("UserName", owner.userName()).element("AccessKeyId", key.accessKeyId())
                        .element("Status", key.active() ? "Active" : "Inactive").element("CreateDate", key.createdAt())),
                null, List.of(owner.resource()));
    }
}
