package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * ListUsers, ListRoles and ListGroups: an account's entities whose path starts with PathPrefix, by name, paged.
 * They differ only in what they list, so one class serves all three ({@link #all}).
 */
public final class ListEntitiesAction<V> extends DeclaredAction {

    private final Authorizer authorizer;
    private final Function<AccountId, List<V>> entities;
    private final Function<V, String> path;
    private final String listElement;
    private final BiConsumer<XmlWriter, V> member;

    private ListEntitiesAction(String name, Authorizer authorizer, Function<AccountId, List<V>> entities, Function<V, String> path,
                                String listElement, BiConsumer<XmlWriter, V> member) {
        super(name, AwsService.IAM, true);
        this.authorizer = authorizer;
        this.entities = entities;
        this.path = path;
        this.listElement = listElement;
        this.member = member;
    }

    public static List<QueryAction> all(IdentityDirectory directory, Authorizer authorizer) {
        return List.of(
                new ListEntitiesAction<>("ListUsers", authorizer, directory::usersIn, UserView::path, "Users", UserXml::fields),
                new ListEntitiesAction<>("ListRoles", authorizer, directory::rolesIn, RoleView::path, "Roles",
                        (xml, role) -> RoleXml.fields(xml, TrustPrincipals.shown(role, directory))),
                new ListEntitiesAction<>("ListGroups", authorizer, directory::groupsIn, GroupView::path, "Groups", GroupXml::write));
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String prefix = IamParameters.pathPrefix(context.parameters());
        authorizer.authorize(context.caller(), "iam:" + name(), "*", context.conditionKeys());
        List<V> matching = entities.apply(context.caller().accountId()).stream()
                .filter(entity -> path.apply(entity).startsWith(prefix)).toList();
        Pages<V> page = Pages.of(matching, context.parameters());
        return new ActionResult(xml -> page.write(xml, listElement, member), null, List.of());
    }
}
