package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.XmlWriter;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * ListUsers, ListRoles and ListGroups: an account's entities whose path starts with PathPrefix, by name, paged.
 * They differ only in what they list, so one class serves all three, each named and told what to list by the resource
 * group that serves it.
 *
 * @param <V> the view of the entities listed
 */
public final class ListEntitiesAction<V> extends IamAction {

    private final Function<AccountId, List<V>> entities;
    private final Function<V, String> path;
    private final String listElement;
    private final BiConsumer<XmlWriter, V> member;

    /**
     * @param entities    an account's entities, by name
     * @param path        an entity's path, which PathPrefix filters on
     * @param listElement the element of the answer that holds the list (Users...)
     * @param member      writes one entity into its member element
     */
    public ListEntitiesAction(String name, IamServices services, Function<AccountId, List<V>> entities, Function<V, String> path,
                              String listElement, BiConsumer<XmlWriter, V> member) {
        super(name, true, services);
        this.entities = entities;
        this.path = path;
        this.listElement = listElement;
        this.member = member;
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
