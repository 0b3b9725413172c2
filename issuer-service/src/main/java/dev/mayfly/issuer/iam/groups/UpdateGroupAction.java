package dev.mayfly.issuer.iam.groups;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.GroupCommands.UpdateGroupPath;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.Views.GroupView;
import java.util.List;

/**
 * UpdateGroup: NewPath moves the group (its ARN changes with it). NewGroupName may only be the group's own name, which
 * is how Terraform's aws_iam_group changes a path; a real rename is refused (InvalidInput), as Mayfly does not rename
 * groups yet (docs/compatibility.md).
 */
final class UpdateGroupAction extends IamAction {

    UpdateGroupAction(IamServices services) {
        super("UpdateGroup", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        QueryParameters parameters = context.parameters();
        String groupName = IamParameters.groupName(parameters);
        String newName = parameters.get("NewGroupName") == null ? null
                : QueryParameters.matching(parameters.required("NewGroupName", "newGroupName", 1, 128), "newGroupName",
                IamParameters.NAME_PATTERN);
        String newPath = parameters.get("NewPath") == null ? null
                : QueryParameters.matching(parameters.required("NewPath", "newPath", 1, 512), "newPath", IamParameters.PATH_PATTERN);
        GroupView group = ExistingResource.group(directory, authorizer, context, "iam:UpdateGroup", groupName);
        if (newName != null && !newName.equals(group.groupName())) {
            throw IamErrors.renameNotSupported("group", group.groupName());
        }
        if (newPath != null) {
            commands.sendAndWait(new UpdateGroupPath(new GroupRef(group.accountId(), group.groupName()), newPath));
        }
        return ActionResult.empty(List.of(new Resource(group.arn(), group.accountId().value(), "AWS::IAM::Group")));
    }
}
