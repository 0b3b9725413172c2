package dev.mayfly.issuer.iam.instanceprofiles;

import dev.mayfly.issuer.api.InstanceProfileCommands.CreateInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.iam.AccountQuota;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.InstanceProfileXml;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateInstanceProfile: a profile without a role (AddRoleToInstanceProfile gives it one), with its tags. */
final class CreateInstanceProfileAction extends IamAction {

    CreateInstanceProfileAction(IamServices services) {
        super("CreateInstanceProfile", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        QueryParameters parameters = context.parameters();
        String name = IamParameters.instanceProfileName(parameters);
        String path = IamParameters.path(parameters);
        Map<String, String> tags = Tags.parse(parameters, "InvalidInput");
        InstanceProfileRef profile = new InstanceProfileRef(context.caller().accountId(), name);
        String arn = "arn:aws:iam::" + profile.account().value() + ":instance-profile" + path + name;
        authorizeCreation(context, "iam:CreateInstanceProfile", "iam:TagInstanceProfile", arn, tags);
        AccountQuota.INSTANCE_PROFILES.requireRoomForOneMore(directory, context.caller().accountId());
        String id = CredentialIds.instanceProfileId();
        commands.sendAndWait(new CreateInstanceProfile(profile, path, id, tags, context.now()));
        InstanceProfileView created = new InstanceProfileView(profile.account(), name, id, path, arn, context.now(), null, tags);
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("path", path);
        recorded.put("instanceProfileName", name);
        recorded.put("instanceProfileId", id);
        recorded.put("arn", arn);
        recorded.put("createDate", XmlWriter.timestamp(context.now()));
        return new ActionResult(xml -> InstanceProfileXml.write(xml, created, directory), Map.of("instanceProfile", recorded),
                List.of(created.resource()));
    }
}
