package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPathChanged;
import dev.mayfly.issuer.api.UserEvents.UserRenamed;
import dev.mayfly.issuer.api.UserEvents.UserPermissionsBoundarySet;
import dev.mayfly.issuer.api.UserEvents.UserPolicyDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPolicyPut;
import dev.mayfly.issuer.api.UserEvents.UserTagged;
import dev.mayfly.issuer.api.UserEvents.UserUntagged;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IAM users: their inline policies, permissions boundary and tags. Their groups are the groups' projection's, their
 * keys the access keys', their MFA devices the devices'.
 */
final class UsersProjection implements Projection {

    private final ViewMap<UserView> users = new ViewMap<>(UserView::accountId);

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(UserCreated.class, this::on)
                .on(UserPermissionsBoundarySet.class, this::on)
                .on(UserPolicyPut.class, this::on)
                .on(UserPolicyDeleted.class, this::on)
                .on(UserTagged.class, this::on)
                .on(UserUntagged.class, this::on)
                .on(UserPathChanged.class, this::on)
                .on(UserRenamed.class, this::on)
                .on(UserDeleted.class, this::on);
    }

    void on(UserCreated e) {
        users.put(e.user(), new UserView(e.user().account(), e.user().userName(), e.userId(), e.path(), e.arn(),
                e.createdAt(), Map.of(), null, Map.of()));
    }

    void on(UserPathChanged e) {
        users.update(e.user(), u -> u.withPath(e.path(), e.arn()));
    }

    /** The view moves to the new name, keeping its id, policies, boundary and tags. */
    void on(UserRenamed e) {
        users.get(e.user()).ifPresent(u -> {
            users.remove(e.user());
            users.put(e.to(), u.renamed(e.to().userName(), e.path(), e.arn()));
        });
    }

    void on(UserPermissionsBoundarySet e) {
        users.update(e.user(), u -> u.with(u.policies(), e.policyArn()));
    }

    void on(UserPolicyPut e) {
        users.update(e.user(), u -> u.with(InlinePolicies.with(u.policies(), e.policyName(), e.policyDocument()), u.permissionsBoundary()));
    }

    void on(UserPolicyDeleted e) {
        users.update(e.user(), u -> u.with(InlinePolicies.without(u.policies(), e.policyName()), u.permissionsBoundary()));
    }

    void on(UserTagged e) {
        users.update(e.user(), u -> u.withTags(Tagging.merged(u.tags(), e.tags())));
    }

    void on(UserUntagged e) {
        users.update(e.user(), u -> u.withTags(Tagging.without(u.tags(), e.tagKeys())));
    }

    void on(UserDeleted e) {
        users.remove(e.user());
    }

    Optional<UserView> user(UserRef user) {
        return users.get(user);
    }

    List<UserView> usersIn(AccountId account) {
        return users.in(account, ViewMap.byName(UserView::userName));
    }

    Map<String, UserView> saved() {
        return users.saved();
    }

    void restore(Map<String, UserView> saved) {
        users.restore(saved);
    }
}
