package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;

/** ListAccessKeys: a user's keys with their status, never their secrets. */
public final class ListAccessKeysAction extends IamAction {

    public ListAccessKeysAction(IamServices services) {
        super("ListAccessKeys", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String userName = IamParameters.userNameOrCaller(context.parameters(), context.caller());
        UserRef ref = new UserRef(context.caller().accountId(), userName);
        UserView user = ExistingResource.user(directory, authorizer, context, "iam:ListAccessKeys", userName);
        Pages<AccessKeyView> page = Pages.of(directory.accessKeysOf(ref), context.parameters());
        return new ActionResult(xml -> page.write(xml, "AccessKeyMetadata", (member, key) -> member
                        .element("UserName", user.userName()).element("AccessKeyId", key.accessKeyId())
                        .element("Status", key.active() ? "Active" : "Inactive").element("CreateDate", key.createdAt())),
                null, List.of(new Resource(user.arn(), ref.account().value(), "AWS::IAM::User")));
    }
}
