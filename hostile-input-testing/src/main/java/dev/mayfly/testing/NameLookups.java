package dev.mayfly.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The JVM's own name resolution, that remembers every host name looked up: so a test can show that parsing an address
 * never resolves a name (InetAddress looks up whatever it cannot read as one). A module installs it for its tests with
 * a service file, META-INF/services/java.net.spi.InetAddressResolverProvider, in its test resources: this jar has
 * none, so that only the modules that ask for it resolve names through it.
 */
public final class NameLookups extends InetAddressResolverProvider {

    private static final Set<String> LOOKED_UP = ConcurrentHashMap.newKeySet();

    /** Whether the name was ever looked up in this JVM; use a name no other test uses, since lookups are cached. */
    public static boolean lookedUp(String host) {
        return LOOKED_UP.contains(host);
    }

    /**
     * Whether this JVM resolves names through the recorder, as a module's service file installs it: without it, a test
     * that no name was looked up passes whatever the parser did. Looks up localhost, which the hosts file answers.
     */
    public static boolean installed() {
        try {
            InetAddress.getByName("localhost");
        } catch (UnknownHostException e) {
            throw new IllegalStateException("localhost does not resolve", e);
        }
        return lookedUp("localhost");
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                LOOKED_UP.add(host);
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "recording";
    }
}
