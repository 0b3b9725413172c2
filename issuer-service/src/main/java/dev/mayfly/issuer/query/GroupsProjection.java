package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.GroupEvents.GroupCreated;
import dev.mayfly.issuer.api.GroupEvents.GroupDeleted;
import dev.mayfly.issuer.api.GroupEvents.GroupPathChanged;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyDeleted;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyPut;
import dev.mayfly.issuer.api.GroupEvents.GroupRenamed;
import dev.mayfly.issuer.api.GroupEvents.UserAddedToGroup;
import dev.mayfly.issuer.api.GroupEvents.UserRemovedFromGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.UserEvents.UserDeleted;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.GroupView;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The IAM groups with their members and inline policies, and each user's groups. A deleted user's memberships go with
 * it; the groups' member lists are left as they are, as DeleteUser is refused while the user is still in a group.
 */
final class GroupsProjection implements Projection {

    private final ViewMap<GroupView> groups = new ViewMap<>(GroupView::accountId);
    /** user (aggregate id) -> the groups (aggregate ids) it belongs to. */
    private final Map<String, Set<String>> memberships = new ConcurrentHashMap<>();

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(GroupCreated.class, this::on)
                .on(UserAddedToGroup.class, this::on)
                .on(UserRemovedFromGroup.class, this::on)
                .on(GroupPolicyPut.class, this::on)
                .on(GroupPolicyDeleted.class, this::on)
                .on(GroupPathChanged.class, this::on)
                .on(GroupRenamed.class, this::on)
                .on(GroupDeleted.class, this::on)
                .on(UserDeleted.class, this::on);
    }

    void on(GroupCreated e) {
        groups.put(e.group(), new GroupView(e.group().account(), e.group().groupName(), e.groupId(), e.path(), e.arn(),
                e.createdAt(), Set.of(), Map.of()));
    }

    void on(UserAddedToGroup e) {
        groups.update(e.group(), g -> withMembers(g, Set::add, e.userName()));
        memberships.computeIfAbsent(userKey(e.group(), e.userName()), k -> ConcurrentHashMap.newKeySet()).add(e.group().toString());
    }

    void on(UserRemovedFromGroup e) {
        groups.update(e.group(), g -> withMembers(g, Set::remove, e.userName()));
        memberships.getOrDefault(userKey(e.group(), e.userName()), Set.of()).remove(e.group().toString());
    }

    void on(GroupPolicyPut e) {
        groups.update(e.group(), g -> g.withPolicies(InlinePolicies.with(g.policies(), e.policyName(), e.policyDocument())));
    }

    void on(GroupPolicyDeleted e) {
        groups.update(e.group(), g -> g.withPolicies(InlinePolicies.without(g.policies(), e.policyName())));
    }

    void on(GroupPathChanged e) {
        groups.update(e.group(), g -> g.withPath(e.path(), e.arn()));
    }

    /** The view moves to the new name, and each member's memberships follow it. */
    void on(GroupRenamed e) {
        groups.get(e.group()).ifPresent(g -> {
            groups.remove(e.group());
            groups.put(e.to(), new GroupView(g.accountId(), e.to().groupName(), g.groupId(), e.path(), e.arn(), g.createdAt(), g.members(),
                    g.policies()));
            for (String member : g.members()) {
                Set<String> groupsOfMember = memberships.get(userKey(e.group(), member));
                if (groupsOfMember != null) {
                    groupsOfMember.remove(e.group().toString());
                    groupsOfMember.add(e.to().toString());
                }
            }
        });
    }

    void on(GroupDeleted e) {
        groups.remove(e.group());
    }

    void on(UserDeleted e) {
        memberships.remove(e.user().toString());
    }

    private static String userKey(GroupRef group, String userName) {
        return new UserRef(group.account(), userName).toString();
    }

    /** The group with a member added or removed; members are kept case-folded, as IAM compares user names. */
    private static GroupView withMembers(GroupView g, BiConsumer<Set<String>, String> change, String userName) {
        Set<String> members = new LinkedHashSet<>(g.members());
        change.accept(members, userName.toLowerCase(Locale.ROOT));
        return new GroupView(g.accountId(), g.groupName(), g.groupId(), g.path(), g.arn(), g.createdAt(), Set.copyOf(members),
                g.policies());
    }

    Optional<GroupView> group(GroupRef group) {
        return groups.get(group);
    }

    List<GroupView> groupsOf(UserRef user) {
        return memberships.getOrDefault(user.toString(), Set.of()).stream().flatMap(group -> groups.get(group).stream())
                .sorted(Comparator.comparing(GroupView::groupName)).toList();
    }

    List<GroupView> groupsIn(AccountId account) {
        return groups.in(account, ViewMap.byName(GroupView::groupName));
    }

    Map<String, GroupView> savedGroups() {
        return groups.saved();
    }

    /** Each user's groups: copied, as the sets change in place. */
    Map<String, Set<String>> savedMemberships() {
        return IdSets.copy(memberships);
    }

    void restore(Map<String, GroupView> savedGroups, Map<String, Set<String>> savedMemberships) {
        groups.restore(savedGroups);
        IdSets.restore(memberships, savedMemberships);
    }
}
