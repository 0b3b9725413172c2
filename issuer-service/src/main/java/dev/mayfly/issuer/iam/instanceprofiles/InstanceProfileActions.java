package dev.mayfly.issuer.iam.instanceprofiles;

import dev.mayfly.issuer.api.InstanceProfileCommands.TagInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileCommands.UntagInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.InstanceProfileXml;
import dev.mayfly.issuer.iam.ListEntitiesAction;
import dev.mayfly.issuer.iam.TagActions;
import dev.mayfly.issuer.iam.TagActions.Tagged;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import java.util.List;

/** The IAM actions on instance profiles: the profile itself, the role it holds, and its tags. */
public final class InstanceProfileActions implements ActionGroup {

    private final IamServices services;

    public InstanceProfileActions(IamServices services) {
        this.services = services;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreateInstanceProfileAction(services),
                new GetInstanceProfileAction(services),
                new DeleteInstanceProfileAction(services),
                new ListEntitiesAction<>("ListInstanceProfiles", services, services.directory()::instanceProfilesIn,
                        InstanceProfileView::path, "InstanceProfiles",
                        (xml, profile) -> InstanceProfileXml.fields(xml, profile, services.directory())),
                new AddRoleToInstanceProfileAction(services),
                new RemoveRoleFromInstanceProfileAction(services),
                new ListInstanceProfilesForRoleAction(services),
                new TagActions.Tag("TagInstanceProfile", this::tagged, services),
                new TagActions.Untag("UntagInstanceProfile", this::tagged, services),
                new TagActions.ListTags("ListInstanceProfileTags", this::tagged, services));
    }

    private Tagged tagged(ActionContext context, String iamAction) {
        InstanceProfileView profile = ExistingResource.instanceProfile(services.directory(), services.authorizer(), context, iamAction,
                IamParameters.instanceProfileName(context.parameters()));
        InstanceProfileRef ref = new InstanceProfileRef(profile.accountId(), profile.instanceProfileName());
        return new Tagged(profile.arn(), profile.accountId().value(), profile.tags(), "AWS::IAM::InstanceProfile",
                tags -> new TagInstanceProfile(ref, tags), keys -> new UntagInstanceProfile(ref, keys));
    }
}
