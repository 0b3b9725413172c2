package dev.mayfly.issuer.query;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyDeleted;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyStatusChanged;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.UserEvents.AccessKeyCreated;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.AccessKeyUse;
import dev.mayfly.issuer.query.Views.AccessKeyUses;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long-term access keys, the users' and the roots' (an account's first root key comes with the account), and when
 * each last signed a request: the only thing the directory makes of the recorded calls. A deleted key's last use goes
 * with it.
 */
final class AccessKeysProjection implements Projection {

    /** Signature failures name a key without it having signed anything; they do not count as a use. */
    private static final Set<String> NOT_A_USE = Set.of("SignatureDoesNotMatch", "InvalidClientTokenId", "IncompleteSignature",
            "MissingAuthenticationToken", "ExpiredToken");

    private static final Comparator<AccessKeyView> OLDEST_FIRST = Comparator.comparing(AccessKeyView::createdAt);

    private final ViewMap<AccessKeyView> accessKeys = new ViewMap<>(AccessKeyView::accountId);
    private final Map<String, AccessKeyUse> accessKeyUses = new ConcurrentHashMap<>();

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(AccountCreated.class, this::on)
                .on(RootAccessKeyCreated.class, this::on)
                .on(RootAccessKeyStatusChanged.class, this::on)
                .on(RootAccessKeyDeleted.class, this::on)
                .on(AccessKeyCreated.class, this::on)
                .on(AccessKeyStatusChanged.class, this::on)
                .on(AccessKeyDeleted.class, this::on)
                .on(ApiCallRecorded.class, this::on);
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
        delete(e.accessKeyId());
    }

    void on(AccessKeyCreated e) {
        accessKeys.put(e.accessKeyId(), new AccessKeyView(e.accessKeyId(), e.user().account(), e.user().userName(), true, e.createdAt()));
    }

    void on(AccessKeyStatusChanged e) {
        accessKeys.update(e.accessKeyId(), k -> new AccessKeyView(k.accessKeyId(), k.accountId(), k.userName(), e.active(), k.createdAt()));
    }

    void on(AccessKeyDeleted e) {
        delete(e.accessKeyId());
    }

    private void delete(String accessKeyId) {
        accessKeys.remove(accessKeyId);
        accessKeyUses.remove(accessKeyId);
    }

    /** A call signed with a key this directory knows, unless its signature failed: the key's last use if it is the latest. */
    void on(ApiCallRecorded call) {
        String keyId = call.userIdentity() == null ? null : call.userIdentity().accessKeyId();
        if (keyId != null && accessKeys.contains(keyId) && !NOT_A_USE.contains(String.valueOf(call.errorCode()))) {
            String service = call.eventSource().substring(0, call.eventSource().indexOf('.') < 0 ? call.eventSource().length()
                    : call.eventSource().indexOf('.'));
            accessKeyUses.merge(keyId, new AccessKeyUse(call.eventTime(), service, call.awsRegion()),
                    (old, use) -> use.at().isAfter(old.at()) ? use : old);
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

    Optional<AccessKeyUse> lastUse(String accessKeyId) {
        return Optional.ofNullable(accessKeyUses.get(accessKeyId));
    }

    AccessKeyUses uses() {
        return new AccessKeyUses(Map.copyOf(accessKeyUses));
    }

    void restore(AccessKeyUses uses) {
        accessKeyUses.putAll(uses.byKey());
    }
}
