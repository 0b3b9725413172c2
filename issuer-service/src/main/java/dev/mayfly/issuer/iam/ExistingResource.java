package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.runtime.AwsServiceException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * IAM's order for actions on an existing user, group or role of the caller's account: authorize first (against the
 * entity's ARN, or the ARN it would have), and only then say that it does not exist, so that a caller without
 * permission learns nothing about which names exist. A refusal names the entity as the request did (without the path
 * its ARN may hold), so that it reads the same whether the entity exists or not.
 */
public final class ExistingResource {

    private ExistingResource() {
    }

    public static UserView user(IdentityDirectory directory, Authorizer authorizer, ActionContext context, String action, String userName) {
        UserRef ref = new UserRef(context.caller().accountId(), userName);
        return authorize(authorizer, context, action, directory.user(ref), UserView::arn,
                "arn:aws:iam::" + ref.account().value() + ":user/" + userName, () -> IamErrors.userNotFound(userName));
    }

    public static GroupView group(IdentityDirectory directory, Authorizer authorizer, ActionContext context, String action, String groupName) {
        GroupRef ref = new GroupRef(context.caller().accountId(), groupName);
        return authorize(authorizer, context, action, directory.group(ref), GroupView::arn,
                "arn:aws:iam::" + ref.account().value() + ":group/" + groupName,
                () -> IamErrors.groupNotFound(groupName));
    }

    public static RoleView role(IdentityDirectory directory, Authorizer authorizer, ActionContext context, String action, String roleName) {
        RoleRef ref = new RoleRef(context.caller().accountId(), roleName);
        return authorize(authorizer, context, action, directory.role(ref), RoleView::arn,
                "arn:aws:iam::" + ref.account().value() + ":role/" + roleName, () -> IamErrors.roleNotFound(roleName));
    }

    public static InstanceProfileView instanceProfile(IdentityDirectory directory, Authorizer authorizer, ActionContext context,
                                                      String action, String instanceProfileName) {
        InstanceProfileRef ref = new InstanceProfileRef(context.caller().accountId(), instanceProfileName);
        return authorize(authorizer, context, action, directory.instanceProfile(ref), InstanceProfileView::arn,
                "arn:aws:iam::" + ref.account().value() + ":instance-profile/" + instanceProfileName,
                () -> IamErrors.instanceProfileNotFound(instanceProfileName));
    }

    private static <V> V authorize(Authorizer authorizer, ActionContext context, String action, Optional<V> resource,
                                   Function<V, String> arn, String namedArn, Supplier<AwsServiceException> missing) {
        authorizer.authorize(context.caller(), action, resource.map(arn).orElse(namedArn), namedArn, context.conditionKeys());
        return resource.orElseThrow(missing);
    }
}
