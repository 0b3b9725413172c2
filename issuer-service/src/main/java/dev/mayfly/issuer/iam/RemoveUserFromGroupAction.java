package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.GroupCommands.RemoveUserFromGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.GroupView;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** RemoveUserFromGroup: the group's policies no longer apply to the user. */
public final class RemoveUserFromGroupAction extends DeclaredAction {

    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final CommandGateway commands;

    public RemoveUserFromGroupAction(IdentityDirectory directory, Authorizer authorizer, CommandGateway commands) {
        super("RemoveUserFromGroup", AwsService.IAM, false);
        this.directory = directory;
        this.authorizer = authorizer;
        this.commands = commands;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String groupName = IamParameters.groupName(context.parameters());
        String userName = IamParameters.userName(context.parameters());
        GroupView group = ExistingResource.group(directory, authorizer, context, "iam:RemoveUserFromGroup", groupName);
        commands.sendAndWait(new RemoveUserFromGroup(new GroupRef(group.accountId(), group.groupName()), userName));
        return ActionResult.empty(List.of(new Resource(group.arn(), group.accountId().value(), "AWS::IAM::Group")));
    }
}
