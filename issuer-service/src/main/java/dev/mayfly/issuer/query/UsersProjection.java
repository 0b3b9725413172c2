package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPermissionsBoundarySet;
import dev.mayfly.issuer.api.UserEvents.UserPolicyDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPolicyPut;
import dev.mayfly.issuer.api.UserEvents.UserTagged;
import dev.mayfly.issuer.api.UserEvents.UserUntagged;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IAM users: their inline policies, permissions boundary and tags. Their groups are the groups' projection's, their
 * keys the access keys', their MFA devices the devices'.
 */
final class UsersProjection implements Projection {

    private final Map<String, UserView> users = new ConcurrentHashMap<>();

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(UserCreated.class, this::on)
                .on(UserPermissionsBoundarySet.class, this::on)
                .on(UserPolicyPut.class, this::on)
                .on(UserPolicyDeleted.class, this::on)
                .on(UserTagged.class, this::on)
                .on(UserUntagged.class, this::on)
                .on(UserDeleted.class, this::on);
    }

    void on(UserCreated e) {
        users.put(e.user().toString(), new UserView(e.user().account(), e.user().userName(), e.userId(), e.path(), e.arn(),
                e.createdAt(), Map.of(), null, Map.of()));
    }

    void on(UserPermissionsBoundarySet e) {
        users.computeIfPresent(e.user().toString(), (k, u) -> u.with(u.policies(), e.policyArn()));
    }

    void on(UserPolicyPut e) {
        users.computeIfPresent(e.user().toString(), (k, u) ->
                u.with(InlinePolicies.with(u.policies(), e.policyName(), e.policyDocument()), u.permissionsBoundary()));
    }

    void on(UserPolicyDeleted e) {
        users.computeIfPresent(e.user().toString(), (k, u) ->
                u.with(InlinePolicies.without(u.policies(), e.policyName()), u.permissionsBoundary()));
    }

    void on(UserTagged e) {
        users.computeIfPresent(e.user().toString(), (k, u) -> u.withTags(Tagging.merged(u.tags(), e.tags())));
    }

    void on(UserUntagged e) {
        users.computeIfPresent(e.user().toString(), (k, u) -> u.withTags(Tagging.without(u.tags(), e.tagKeys())));
    }

    void on(UserDeleted e) {
        users.remove(e.user().toString());
    }

    Optional<UserView> user(UserRef user) {
        return Optional.ofNullable(users.get(user.toString()));
    }

    /** A scan of every user (an index per account is owed for large installations). */
    List<UserView> usersIn(AccountId account) {
        return users.values().stream().filter(u -> u.accountId().equals(account))
                .sorted(Comparator.comparing(u -> u.userName().toLowerCase(Locale.ROOT))).toList();
    }
}
