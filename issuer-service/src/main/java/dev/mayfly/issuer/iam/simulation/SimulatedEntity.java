package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.issuer.authz.EntityPolicies;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.policy.Principal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user, group or role a PolicySourceArn names, with its policies as a simulation reads them: a user's own and its
 * groups', a group's, a role's, and a user's or role's permissions boundary. Found as IAM finds an entity: the caller
 * must be allowed the action on it before it learns whether it exists; another account's is refused.
 *
 * @param arn      its ARN
 * @param policies its identity-based policies
 * @param boundary its permissions boundary, or null
 * @param user     the user as a caller, when it is one; null for a group or role
 */
record SimulatedEntity(String arn, List<SimulationPolicy> policies, SimulationPolicy boundary, Principal user) {

    private static final Pattern ENTITY = Pattern.compile("arn:aws:iam::(\\d{12}):(user|group|role)/(?:[\\x21-\\x7E]*/)?([\\w+=,.@-]{1,128})");

    static SimulatedEntity find(IamServices services, ActionContext context, String iamAction, String arn) {
        Matcher matcher = ENTITY.matcher(arn);
        if (!matcher.matches()) {
            throw SimulationRequest.invalid("PolicySourceArn must be the ARN of a user, group or role: " + SimulationRequest.shorten(arn));
        }
        String account = context.caller().accountId().value();
        if (!matcher.group(1).equals(account)) {
            // another tenant's entity: refused as any action on it is, and never looked up
            services.authorizer().authorize(context.caller(), iamAction, arn, context.conditionKeys());
            throw SimulationRequest.invalid("PolicySourceArn must be an entity of the caller's account.");
        }
        EntityPolicies entities = new EntityPolicies(services.directory());
        String name = matcher.group(3);
        return switch (matcher.group(2)) {
            case "user" -> {
                UserView user = ExistingResource.user(services.directory(), services.authorizer(), context, iamAction, name);
                yield new SimulatedEntity(user.arn(), policies(entities.ofUser(user)),
                        entities.boundary(user.accountId(), user.permissionsBoundary()).map(SimulationPolicy::of).orElse(null),
                        Principal.user(user.arn(), account, user.userId()));
            }
            case "group" -> {
                GroupView group = ExistingResource.group(services.directory(), services.authorizer(), context, iamAction, name);
                yield new SimulatedEntity(group.arn(), policies(entities.ofGroup(group)), null, null);
            }
            default -> {
                RoleView role = ExistingResource.role(services.directory(), services.authorizer(), context, iamAction, name);
                yield new SimulatedEntity(role.arn(), policies(entities.ofRole(role)),
                        entities.boundary(role.accountId(), role.permissionsBoundary()).map(SimulationPolicy::of).orElse(null), null);
            }
        };
    }

    private static List<SimulationPolicy> policies(List<EntityPolicies.Labeled> labeled) {
        return labeled.stream().map(SimulationPolicy::of).toList();
    }
}
