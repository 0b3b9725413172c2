package dev.mayfly.issuer.iam.users;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.UserCommands.SetUserPermissionsBoundary;
import dev.mayfly.issuer.api.UserCommands.TagUser;
import dev.mayfly.issuer.api.UserCommands.UntagUser;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.AttachmentActions;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.InlinePolicyActions;
import dev.mayfly.issuer.iam.ListEntitiesAction;
import dev.mayfly.issuer.iam.PermissionsBoundaryActions;
import dev.mayfly.issuer.iam.PermissionsBoundaryActions.Bounded;
import dev.mayfly.issuer.iam.TagActions;
import dev.mayfly.issuer.iam.TagActions.Tagged;
import dev.mayfly.issuer.iam.UserXml;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;

/** The IAM actions on users: the user itself, its tags, inline and attached policies, and permissions boundary. */
public final class UserActions implements ActionGroup {

    private final IamServices services;

    public UserActions(IamServices services) {
        this.services = services;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreateUserAction(services),
                new GetUserAction(services),
                new UpdateUserAction(services),
                new DeleteUserAction(services),
                new ListEntitiesAction<>("ListUsers", services, services.directory()::usersIn, UserView::path, "Users", UserXml::fields),
                new ListGroupsForUserAction(services),
                new LoginProfileAction("GetLoginProfile", true, services),
                new LoginProfileAction("DeleteLoginProfile", false, services),
                new EmptyCredentialListAction("ListSSHPublicKeys", "SSHPublicKeys", services),
                new EmptyCredentialListAction("ListSigningCertificates", "Certificates", services),
                new EmptyCredentialListAction("ListServiceSpecificCredentials", "ServiceSpecificCredentials", services),
                new TagActions.Tag("TagUser", this::tagged, services),
                new TagActions.Untag("UntagUser", this::tagged, services),
                new TagActions.ListTags("ListUserTags", this::tagged, services),
                new PutUserPolicyAction(services),
                new InlinePolicyActions.Get("GetUserPolicy", InlinePolicyActions.USER, services),
                new InlinePolicyActions.ListNames("ListUserPolicies", InlinePolicyActions.USER, services),
                new InlinePolicyActions.Delete("DeleteUserPolicy", InlinePolicyActions.USER, services),
                new AttachmentActions.Attach("AttachUserPolicy", EntityType.USER, services),
                new AttachmentActions.Detach("DetachUserPolicy", EntityType.USER, services),
                new AttachmentActions.ListAttached("ListAttachedUserPolicies", EntityType.USER, services),
                new PermissionsBoundaryActions.Put("PutUserPermissionsBoundary", this::bounded, services),
                new PermissionsBoundaryActions.Delete("DeleteUserPermissionsBoundary", this::bounded, services));
    }

    private UserView user(ActionContext context, String iamAction) {
        return ExistingResource.user(services.directory(), services.authorizer(), context, iamAction,
                IamParameters.userName(context.parameters()));
    }

    private Tagged tagged(ActionContext context, String iamAction) {
        UserView user = user(context, iamAction);
        UserRef ref = new UserRef(user.accountId(), user.userName());
        return new Tagged(user.arn(), user.accountId().value(), user.tags(), "AWS::IAM::User",
                tags -> new TagUser(ref, tags), keys -> new UntagUser(ref, keys));
    }

    private Bounded bounded(ActionContext context, String iamAction) {
        UserView user = user(context, iamAction);
        UserRef ref = new UserRef(user.accountId(), user.userName());
        return new Bounded(new Resource(user.arn(), user.accountId().value(), "AWS::IAM::User"),
                arn -> new SetUserPermissionsBoundary(ref, arn));
    }
}
