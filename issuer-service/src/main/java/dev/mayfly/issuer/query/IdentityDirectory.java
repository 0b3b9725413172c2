package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyPut;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.UserEvents.AccessKeyCreated;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserPolicyPut;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import dev.mayfly.issuer.query.Views.AccountView;
import dev.mayfly.issuer.query.Views.InlinePolicy;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.policy.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import dev.mayfly.eventstore.UnitsOfWork;
import org.axonframework.eventhandling.EventHandler;

/**
 * Everything the issuer needs to know per request, in memory. Events are applied only once the
 * transaction that stored them has committed, so the directory never shows a change that was rolled back.
 */
public final class IdentityDirectory {

    private final Map<AccountId, AccountView> accounts = new ConcurrentHashMap<>();
    private final Map<String, UserView> users = new ConcurrentHashMap<>();
    private final Map<String, RoleView> roles = new ConcurrentHashMap<>();
    private final Map<String, AccessKeyView> accessKeys = new ConcurrentHashMap<>();

    /** Called by Axon for each event published in this JVM: applied after its transaction commits. */
    @EventHandler
    void on(Object event) {
        UnitsOfWork.afterCommit(() -> apply(event));
    }

    /** Applies one event; used directly when replaying the event store at start. */
    public synchronized void apply(Object event) {
        switch (event) {
            case AccountCreated e -> {
                accounts.put(e.account(), new AccountView(e.account(), e.name(), e.rootAccessKeyId(), e.createdAt()));
                accessKeys.put(e.rootAccessKeyId(), new AccessKeyView(e.rootAccessKeyId(), e.account(), null, true, e.createdAt()));
            }
            case UserCreated e -> users.put(e.user().toString(), new UserView(e.user().account(), e.user().userName(),
                    e.userId(), e.path(), e.arn(), e.createdAt(), Map.of()));
            case AccessKeyCreated e -> accessKeys.put(e.accessKeyId(),
                    new AccessKeyView(e.accessKeyId(), e.user().account(), e.user().userName(), true, e.createdAt()));
            case AccessKeyStatusChanged e -> accessKeys.computeIfPresent(e.accessKeyId(), (id, k) ->
                    new AccessKeyView(id, k.accountId(), k.userName(), e.active(), k.createdAt()));
            case AccessKeyDeleted e -> accessKeys.remove(e.accessKeyId());
            case UserPolicyPut e -> users.computeIfPresent(e.user().toString(), (k, u) -> new UserView(u.accountId(),
                    u.userName(), u.userId(), u.path(), u.arn(), u.createdAt(), with(u.policies(), e.policyName(), e.policyDocument())));
            case RoleCreated e -> roles.put(e.role().toString(), new RoleView(e.role().account(), e.role().roleName(),
                    e.roleId(), e.path(), e.arn(), e.trustPolicy(), PolicyDocument.parse(e.trustPolicy()), e.description(),
                    e.maxSessionDuration(), e.createdAt(), Map.of()));
            case RolePolicyPut e -> roles.computeIfPresent(e.role().toString(), (k, r) -> new RoleView(r.accountId(),
                    r.roleName(), r.roleId(), r.path(), r.arn(), r.trustPolicy(), r.parsedTrustPolicy(), r.description(),
                    r.maxSessionDuration(), r.createdAt(), with(r.policies(), e.policyName(), e.policyDocument())));
            default -> {
                // events of other concerns are not part of the directory
            }
        }
    }

    private static Map<String, InlinePolicy> with(Map<String, InlinePolicy> policies, String name, String document) {
        Map<String, InlinePolicy> updated = new LinkedHashMap<>(policies);
        updated.put(name, new InlinePolicy(name, document, PolicyDocument.parse(document)));
        return Map.copyOf(updated);
    }

    public Optional<AccountView> account(AccountId accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    public Optional<UserView> user(UserRef user) {
        return Optional.ofNullable(users.get(user.toString()));
    }

    public Optional<RoleView> role(RoleRef role) {
        return Optional.ofNullable(roles.get(role.toString()));
    }

    /**
     * A user's access keys, oldest first. A user has at most two, but this scans every key: an index per user
     * is owed once accounts hold many keys.
     */
    public List<AccessKeyView> accessKeysOf(UserRef user) {
        return accessKeys.values().stream()
                .filter(k -> k.accountId().equals(user.account()) && k.userName() != null && k.userName().equalsIgnoreCase(user.userName()))
                .sorted(java.util.Comparator.comparing(AccessKeyView::createdAt)).toList();
    }

    public Optional<AccessKeyView> accessKey(String accessKeyId) {
        return Optional.ofNullable(accessKeys.get(accessKeyId));
    }
}
