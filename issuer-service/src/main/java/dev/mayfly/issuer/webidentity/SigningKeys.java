package dev.mayfly.issuer.webidentity;

import dev.mayfly.runtime.net.AddressPolicy;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys an OpenID Connect provider signs its tokens with, cached per provider (its URL and the thumbprints that
 * decide whom TLS trusts for it). Keys are fresh for an hour; a token signed with a key id not in the cache fetches
 * them again (the provider rotated its keys), but unknown key ids cannot make it fetch more than once every ten seconds
 * per provider. One fetch per provider runs at a time: concurrent callers wait for it and share its result.
 * <p>
 * When a refresh fails, the keys fetched last stay in use for up to 24 hours after that fetch, and the next try waits
 * ten seconds: a provider that is down for a while (or slow, up to the fetch's deadline) does not take federation down
 * with it, nor make every request wait for it. Keys a provider withdrew stay trusted longer only while it cannot be
 * reached, and a day bounds that: long enough to ride out an outage, short enough that a withdrawn key does not outlive
 * it by much.
 */
public final class SigningKeys {

    private static final Duration FRESH_FOR = Duration.ofHours(1);
    private static final Duration USABLE_WHILE_UNREACHABLE_FOR = Duration.ofHours(24);
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);

    private final Clock clock;
    private final ProviderKeysFetcher fetcher;
    private final Map<Provider, KeySet> cache = new ConcurrentHashMap<>();
    private final SingleFlight<Provider, KeySet> refreshes = new SingleFlight<>();

    public SigningKeys(Clock clock, AddressPolicy addresses) {
        this(clock, addresses, FetchLimits.DEFAULT);
    }

    public SigningKeys(Clock clock, AddressPolicy addresses, FetchLimits limits) {
        this.clock = clock;
        this.fetcher = new ProviderKeysFetcher(addresses, limits);
    }

    /** A provider as far as its keys go: accounts registering one URL with different thumbprints trust different servers. */
    private record Provider(String issuerUrl, List<String> thumbprints) {
    }

    /**
     * A provider's keys by key id, when they were fetched, before when no refresh is tried, and whether the last try
     * failed.
     */
    private record KeySet(Map<String, PublicKey> keys, Instant fetchedAt, Instant noRetryBefore, boolean unreachable) {

        boolean wantsRefresh(String keyId, Instant now) {
            boolean due = fetchedAt.plus(FRESH_FOR).isBefore(now) || find(keyId).isEmpty();
            return due && !now.isBefore(noRetryBefore);
        }

        boolean usable(Instant now) {
            return !fetchedAt.plus(USABLE_WHILE_UNREACHABLE_FOR).isBefore(now);
        }

        Optional<PublicKey> find(String keyId) {
            if (keyId == null) {
                return keys.size() == 1 ? keys.values().stream().findFirst() : Optional.empty();
            }
            return Optional.ofNullable(keys.get(keyId));
        }
    }

    /**
     * The key with this id (or, for a token without one, the provider's only key).
     *
     * @throws WebIdentityException IDPCommunicationError when the provider cannot be reached (and no keys fetched from it
     *                              in the last day have this one), InvalidIdentityToken when it has no such key
     */
    public PublicKey key(String issuerUrl, List<String> thumbprints, String keyId) {
        Provider provider = new Provider(issuerUrl, List.copyOf(thumbprints));
        KeySet keys = cache.get(provider);
        if (keys == null || keys.wantsRefresh(keyId, clock.instant())) {
            keys = refreshes.run(provider, () -> refresh(provider, keyId));
        }
        if (!keys.usable(clock.instant())) {
            throw WebIdentityException.communication();
        }
        boolean unreachable = keys.unreachable();
        return keys.find(keyId).orElseThrow(() -> unreachable ? WebIdentityException.communication()
                : WebIdentityException.invalidToken("No key with id " + keyId + " was found in the identity provider's keys."));
    }

    private KeySet refresh(Provider provider, String keyId) {
        Instant now = clock.instant();
        KeySet previous = cache.get(provider);
        if (previous != null && !previous.wantsRefresh(keyId, now)) {
            return previous; // refreshed by the flight that ran while this caller was deciding to start one
        }
        KeySet refreshed;
        try {
            Map<String, PublicKey> keys = fetcher.fetch(provider.issuerUrl(), provider.thumbprints());
            boolean forUnknownKey = previous != null && previous.find(keyId).isEmpty();
            refreshed = new KeySet(keys, now, forUnknownKey ? now.plus(RETRY_INTERVAL) : now, false);
        } catch (WebIdentityException unreachable) {
            if (previous == null || !previous.usable(now)) {
                throw unreachable;
            }
            refreshed = new KeySet(previous.keys(), previous.fetchedAt(), now.plus(RETRY_INTERVAL), true);
        }
        cache.put(provider, refreshed);
        return refreshed;
    }
}
