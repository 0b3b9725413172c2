package dev.mayfly.issuer.iam.roles;

import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.RoleCommands.SetRolePermissionsBoundary;
import dev.mayfly.issuer.api.RoleCommands.TagRole;
import dev.mayfly.issuer.api.RoleCommands.UntagRole;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.iam.AttachmentActions;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.InlinePolicyActions;
import dev.mayfly.issuer.iam.ListEntitiesAction;
import dev.mayfly.issuer.iam.PermissionsBoundaryActions;
import dev.mayfly.issuer.iam.PermissionsBoundaryActions.Bounded;
import dev.mayfly.issuer.iam.RoleXml;
import dev.mayfly.issuer.iam.TagActions;
import dev.mayfly.issuer.iam.TagActions.Tagged;
import dev.mayfly.issuer.iam.TrustPrincipals;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.Views.RoleView;
import java.util.List;

/**
 * The IAM actions on roles: the role itself and its trust policy, its tags, inline and attached policies, and
 * permissions boundary.
 */
public final class RoleActions implements ActionGroup {

    private final IamServices services;

    public RoleActions(IamServices services) {
        this.services = services;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreateRoleAction(services),
                new GetRoleAction(services),
                new UpdateRoleAction(services),
                new UpdateRoleDescriptionAction(services),
                new UpdateAssumeRolePolicyAction(services),
                new DeleteRoleAction(services),
                new ListEntitiesAction<>("ListRoles", services, services.directory()::rolesIn, RoleView::path, "Roles",
                        (xml, role) -> RoleXml.fields(xml, TrustPrincipals.shown(role, services.directory()))),
                new TagActions.Tag("TagRole", this::tagged, services),
                new TagActions.Untag("UntagRole", this::tagged, services),
                new TagActions.ListTags("ListRoleTags", this::tagged, services),
                new PutRolePolicyAction(services),
                new InlinePolicyActions.Get("GetRolePolicy", InlinePolicyActions.ROLE, services),
                new InlinePolicyActions.ListNames("ListRolePolicies", InlinePolicyActions.ROLE, services),
                new InlinePolicyActions.Delete("DeleteRolePolicy", InlinePolicyActions.ROLE, services),
                new AttachmentActions.Attach("AttachRolePolicy", EntityType.ROLE, services),
                new AttachmentActions.Detach("DetachRolePolicy", EntityType.ROLE, services),
                new AttachmentActions.ListAttached("ListAttachedRolePolicies", EntityType.ROLE, services),
                new PermissionsBoundaryActions.Put("PutRolePermissionsBoundary", this::bounded, services),
                new PermissionsBoundaryActions.Delete("DeleteRolePermissionsBoundary", this::bounded, services));
    }

    private RoleView role(ActionContext context, String iamAction) {
        return ExistingResource.role(services.directory(), services.authorizer(), context, iamAction,
                IamParameters.roleName(context.parameters()));
    }

    private Tagged tagged(ActionContext context, String iamAction) {
        RoleView role = role(context, iamAction);
        RoleRef ref = new RoleRef(role.accountId(), role.roleName());
        return new Tagged(role.arn(), role.accountId().value(), role.tags(), "AWS::IAM::Role",
                tags -> new TagRole(ref, tags), keys -> new UntagRole(ref, keys));
    }

    private Bounded bounded(ActionContext context, String iamAction) {
        RoleView role = role(context, iamAction);
        return new Bounded(role.resource(), arn -> new SetRolePermissionsBoundary(new RoleRef(role.accountId(), role.roleName()), arn));
    }
}
