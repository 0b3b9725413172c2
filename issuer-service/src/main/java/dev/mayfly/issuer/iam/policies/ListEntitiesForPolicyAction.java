package dev.mayfly.issuer.iam.policies;

import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.iam.PolicyArns;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.IdentityDirectory.Attachment;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ListEntitiesForPolicy: the users, roles and groups of the caller's account a managed policy (its own or an AWS-managed
 * one) is attached to (optionally one kind: EntityFilter), paged over all of them together.
 */
final class ListEntitiesForPolicyAction extends IamAction {

    ListEntitiesForPolicyAction(IamServices services) {
        super("ListEntitiesForPolicy", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String filter = context.parameters().get("EntityFilter") == null ? null : QueryParameters.matching(
                context.parameters().get("EntityFilter"), "entityFilter", "User|Role|Group|LocalManagedPolicy|AWSManagedPolicy");
        String prefix = IamParameters.pathPrefix(context.parameters());
        ManagedPolicyView policy = ManagedPolicyActions.find(directory, authorizer, context, "iam:ListEntitiesForPolicy");
        // the two kinds of policy as filters keep every entity of a policy of that kind, and none of the other
        String kind = policy.isAwsManaged() ? "AWSManagedPolicy" : "LocalManagedPolicy";
        List<Entity> matching = PolicyArns.attachments(directory, policy).stream()
                .filter(a -> filter == null || filter.equals(kind) || a.type().name().equals(filter.toUpperCase(Locale.ROOT)))
                .flatMap(a -> resolve(a, policy).stream())
                .filter(entity -> entity.path().startsWith(prefix))
                .toList();
        Pages<Entity> page = Pages.of(matching, context.parameters());
        return new ActionResult(xml -> {
            for (EntityType type : EntityType.values()) {
                String noun = type.name().charAt(0) + type.name().substring(1).toLowerCase(Locale.ROOT);
                xml.start("Policy" + noun + "s");
                page.items().stream().filter(entity -> entity.type() == type).forEach(entity ->
                        xml.start("member").element(noun + "Name", entity.name()).element(noun + "Id", entity.id()).end());
                xml.end();
            }
            xml.element("IsTruncated", page.truncated()).element("Marker", page.nextMarker());
        }, null, ManagedPolicyActions.resources(policy));
    }

    /** An entity the policy is attached to: its name as IAM spells it, its id and its path. */
    private record Entity(EntityType type, String name, String id, String path) {
    }

    private Optional<Entity> resolve(Attachment a, ManagedPolicyView policy) {
        var account = policy.accountId();
        return switch (a.type()) {
            case USER -> directory.user(new UserRef(account, a.name())).map(u -> new Entity(a.type(), u.userName(), u.userId(), u.path()));
            case ROLE -> directory.role(new RoleRef(account, a.name())).map(r -> new Entity(a.type(), r.roleName(), r.roleId(), r.path()));
            case GROUP -> directory.group(new GroupRef(account, a.name())).map(g -> new Entity(a.type(), g.groupName(), g.groupId(), g.path()));
        };
    }
}
