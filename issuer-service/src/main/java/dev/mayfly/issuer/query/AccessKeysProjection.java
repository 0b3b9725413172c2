package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyDeleted;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyStatusChanged;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.UserEvents.AccessKeyCreated;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserEvents.UserRenamed;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The long-term access keys, the users' and the roots' (an account's first root key comes with the account). When each
 * last signed a request is not here but in {@link AccessKeyUsage}: the directory makes nothing of the recorded calls.
 */
final class AccessKeysProjection implements Projection {

    private static final Comparator<AccessKeyView> OLDEST_FIRST = Comparator.comparing(AccessKeyView::createdAt);

    private final ViewMap<AccessKeyView> accessKeys = new ViewMap<>(AccessKeyView::accountId);

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(AccountCreated.class, this::on)
                .on(RootAccessKeyCreated.class, this::on)
                .on(RootAccessKeyStatusChanged.class, this::on)
                .on(RootAccessKeyDeleted.class, this::on)
                .on(AccessKeyCreated.class, this::on)
                .on(AccessKeyStatusChanged.class, this::on)
                .on(AccessKeyDeleted.class, this::on)
                .on(UserRenamed.class, this::on);
    }

    void on(AccountCreated e) {
        accessKeys.put(e.rootAccessKeyId(), new AccessKeyView(e.rootAccessKeyId(), e.account(), null, true, e.createdAt()));
    }

    void on(RootAccessKeyCreated e) {
        accessKeys.put(e.accessKeyId(), new AccessKeyView(e.accessKeyId(), e.account(), null, true, e.createdAt()));
    }

    void on(RootAccessKeyStatusChanged e) {
        accessKeys.update(e.accessKeyId(), k -> new AccessKeyView(k.accessKeyId(), k.accountId(), null, e.active(), k.createdAt()));
    }

    void on(RootAccessKeyDeleted e) {
        accessKeys.remove(e.accessKeyId());
    }

    void on(AccessKeyCreated e) {
        accessKeys.put(e.accessKeyId(), new AccessKeyView(e.accessKeyId(), e.user().account(), e.user().userName(), true, e.createdAt()));
    }

    void on(AccessKeyStatusChanged e) {
        accessKeys.update(e.accessKeyId(), k -> new AccessKeyView(k.accessKeyId(), k.accountId(), k.userName(), e.active(), k.createdAt()));
    }

    void on(AccessKeyDeleted e) {
        accessKeys.remove(e.accessKeyId());
    }

    /** A renamed user's keys are the same keys, held under its new name. */
    void on(UserRenamed e) {
        for (AccessKeyView key : accessKeysOf(e.user())) {
            accessKeys.put(key.accessKeyId(), new AccessKeyView(key.accessKeyId(), key.accountId(), e.to().userName(), key.active(),
                    key.createdAt()));
        }
    }

    Optional<AccessKeyView> accessKey(String accessKeyId) {
        return accessKeys.get(accessKeyId);
    }

    /** A user holds at most two keys, but this scans every key: an index per user is owed once accounts hold many keys. */
    List<AccessKeyView> accessKeysOf(UserRef user) {
        return accessKeys.in(user.account(), OLDEST_FIRST).stream()
                .filter(k -> k.userName() != null && k.userName().equalsIgnoreCase(user.userName())).toList();
    }

    List<AccessKeyView> rootAccessKeysOf(AccountId account) {
        return accessKeys.in(account, OLDEST_FIRST).stream().filter(AccessKeyView::isRoot).toList();
    }

    Map<String, AccessKeyView> saved() {
        return accessKeys.saved();
    }

    void restore(Map<String, AccessKeyView> saved) {
        accessKeys.restore(saved);
    }
}
