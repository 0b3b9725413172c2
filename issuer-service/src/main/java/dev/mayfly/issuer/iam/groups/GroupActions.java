package dev.mayfly.issuer.iam.groups;

import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.iam.AttachmentActions;
import dev.mayfly.issuer.iam.GroupXml;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.InlinePolicyActions;
import dev.mayfly.issuer.iam.ListEntitiesAction;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.Views.GroupView;
import java.util.List;

/** The IAM actions on groups: the group itself, its members, and its inline and attached policies. */
public final class GroupActions implements ActionGroup {

    private final IamServices services;

    public GroupActions(IamServices services) {
        this.services = services;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreateGroupAction(services),
                new GetGroupAction(services),
                new UpdateGroupAction(services),
                new DeleteGroupAction(services),
                new ListEntitiesAction<>("ListGroups", services, services.directory()::groupsIn, GroupView::path, "Groups", GroupXml::write),
                new AddUserToGroupAction(services),
                new RemoveUserFromGroupAction(services),
                new PutGroupPolicyAction(services),
                new InlinePolicyActions.Get("GetGroupPolicy", InlinePolicyActions.GROUP, services),
                new InlinePolicyActions.ListNames("ListGroupPolicies", InlinePolicyActions.GROUP, services),
                new InlinePolicyActions.Delete("DeleteGroupPolicy", InlinePolicyActions.GROUP, services),
                new AttachmentActions.Attach("AttachGroupPolicy", EntityType.GROUP, services),
                new AttachmentActions.Detach("DetachGroupPolicy", EntityType.GROUP, services),
                new AttachmentActions.ListAttached("ListAttachedGroupPolicies", EntityType.GROUP, services));
    }
}
