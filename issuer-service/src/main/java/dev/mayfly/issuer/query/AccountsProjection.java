package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountEvents.AccountAliasRemoved;
import dev.mayfly.issuer.api.AccountEvents.AccountAliasSet;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.OutboundWebIdentityFederationDisabled;
import dev.mayfly.issuer.api.AccountEvents.OutboundWebIdentityFederationEnabled;
import dev.mayfly.issuer.api.AccountEvents.StsRegionActivationChanged;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.query.Views.AccountView;
import dev.mayfly.issuer.query.Views.OutboundFederation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts, the regions where STS is deactivated for each, their aliases and their outbound web identity federation,
 * with the accounts by issuer id (the root's keys are among the access keys).
 */
final class AccountsProjection implements Projection {

    private final Map<AccountId, AccountView> accounts = new ConcurrentHashMap<>();
    /** Every outbound issuer id ever given, to its account: what the public discovery endpoints look up, in one step. */
    private final Map<String, AccountId> byOutboundIssuer = new ConcurrentHashMap<>();

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(AccountCreated.class, this::on)
                .on(StsRegionActivationChanged.class, this::on)
                .on(AccountAliasSet.class, this::on)
                .on(AccountAliasRemoved.class, this::on)
                .on(OutboundWebIdentityFederationEnabled.class, this::on)
                .on(OutboundWebIdentityFederationDisabled.class, this::on);
    }

    void on(AccountCreated e) {
        accounts.put(e.account(), new AccountView(e.account(), e.name(), e.createdAt(), Set.of(), null, null));
    }

    void on(StsRegionActivationChanged e) {
        accounts.computeIfPresent(e.account(), (k, a) -> {
            Set<String> inactive = new HashSet<>(a.inactiveStsRegions());
            if (e.active()) {
                inactive.remove(e.region());
            } else {
                inactive.add(e.region());
            }
            return a.withInactiveStsRegions(Set.copyOf(inactive));
        });
    }

    void on(AccountAliasSet e) {
        accounts.computeIfPresent(e.account(), (k, a) -> a.withAlias(e.alias()));
    }

    void on(AccountAliasRemoved e) {
        accounts.computeIfPresent(e.account(), (k, a) -> a.withAlias(null));
    }

    void on(OutboundWebIdentityFederationEnabled e) {
        byOutboundIssuer.put(e.issuerId(), e.account());
        accounts.computeIfPresent(e.account(), (k, a) -> a.withOutboundFederation(new OutboundFederation(e.issuerId(), true)));
    }

    void on(OutboundWebIdentityFederationDisabled e) {
        accounts.computeIfPresent(e.account(), (k, a) -> a.withOutboundFederation(new OutboundFederation(e.issuerId(), false)));
    }

    /** The account whose outbound issuer has this id, enabled now or not. */
    Optional<AccountView> byOutboundIssuer(String issuerId) {
        return Optional.ofNullable(byOutboundIssuer.get(issuerId)).map(accounts::get);
    }

    Set<AccountId> accountIds() {
        return Set.copyOf(accounts.keySet());
    }

    Optional<AccountView> account(AccountId accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    List<AccountView> saved() {
        return List.copyOf(accounts.values());
    }

    void restore(List<AccountView> saved) {
        saved.forEach(account -> {
            accounts.put(account.accountId(), account);
            if (account.outboundFederation() != null) {
                byOutboundIssuer.put(account.outboundFederation().issuerId(), account.accountId());
            }
        });
    }
}
