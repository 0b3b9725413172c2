package dev.mayfly.issuer.iam.groups;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.GroupXml;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.iam.UserXml;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** GetGroup: the group and its members, paged. */
final class GetGroupAction extends IamAction {

    GetGroupAction(IamServices services) {
        super("GetGroup", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        GroupView group = ExistingResource.group(directory, authorizer, context, "iam:GetGroup",
                IamParameters.groupName(context.parameters()));
        List<UserView> members = group.members().stream().map(name -> directory.user(new UserRef(group.accountId(), name)))
                .flatMap(Optional::stream).sorted(Comparator.comparing(UserView::userName)).toList();
        Pages<UserView> page = Pages.of(members, context.parameters());
        return new ActionResult(xml -> {
            xml.start("Group");
            GroupXml.write(xml, group);
            xml.end();
            page.write(xml, "Users", UserXml::fields);
        }, null, List.of(new Resource(group.arn(), group.accountId().value(), "AWS::IAM::Group")));
    }
}
