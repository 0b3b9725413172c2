package dev.mayfly.issuer.iam.groups;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.GroupCommands.DeleteGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.iam.AttachmentActions;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import java.util.List;

/**
 * DeleteGroup. IAM deletes nothing that is still in use: the group's members and inline policies are its own
 * aggregate's to check; its attached managed policies live in other aggregates and are checked here, from the directory.
 */
final class DeleteGroupAction extends IamAction {

    DeleteGroupAction(IamServices services) {
        super("DeleteGroup", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        var group = ExistingResource.group(directory, authorizer, context, "iam:DeleteGroup", IamParameters.groupName(context.parameters()));
        AttachmentActions.requireNothingAttached(directory, EntityType.GROUP, group.accountId(), group.groupName());
        commands.sendAndWait(new DeleteGroup(new GroupRef(group.accountId(), group.groupName()), context.now()));
        return ActionResult.empty(List.of(new Resource(group.arn(), group.accountId().value(), "AWS::IAM::Group")));
    }
}
