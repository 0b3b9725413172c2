package dev.mayfly.issuer.iam.groups;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.GroupCommands.CreateGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.iam.GroupXml;
import dev.mayfly.issuer.iam.AccountQuota;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.GroupView;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateGroup. */
final class CreateGroupAction extends IamAction {

    CreateGroupAction(IamServices services) {
        super("CreateGroup", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String groupName = IamParameters.groupName(context.parameters());
        String path = IamParameters.path(context.parameters());
        GroupRef group = new GroupRef(context.caller().accountId(), groupName);
        String arn = "arn:aws:iam::" + group.account().value() + ":group" + path + groupName;
        authorizer.authorize(context.caller(), "iam:CreateGroup", arn, context.conditionKeys());
        AccountQuota.GROUPS.requireRoomForOneMore(directory, group.account());
        String groupId = CredentialIds.groupId();
        commands.sendAndWait(new CreateGroup(group, path, groupId, context.now()));
        GroupView created = new GroupView(group.account(), groupName, groupId, path, arn, context.now(), Set.of(), Map.of());
        return new ActionResult(xml -> {
            xml.start("Group");
            GroupXml.write(xml, created);
            xml.end();
        }, Map.of("group", Map.of("groupName", groupName, "groupId", groupId, "arn", arn, "path", path)),
                List.of(new Resource(arn, group.account().value(), "AWS::IAM::Group")));
    }
}
