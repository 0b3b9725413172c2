package dev.mayfly.issuer.saml;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One use of a bearer assertion per role (SAML profiles §4.1.4.5 asks for one use; clients configured for AWS present one
 * assertion to assume each of the roles it lists, so the role is part of the key). Entries live until the assertion's
 * NotOnOrAfter. The cache is this issuer's: issuers behind one load balancer each keep their own.
 */
public final class AssertionReplayCache {

    private static final int MAX_ENTRIES = 100_000;
    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    /**
     * Records a use.
     *
     * @return false when this assertion was already used for this role
     */
    public boolean firstUse(String issuer, String assertionId, String roleArn, Instant notOnOrAfter, Instant now) {
        if (used.size() > MAX_ENTRIES) {
            used.values().removeIf(expiry -> expiry.isBefore(now));
        }
        return used.putIfAbsent(issuer + "\n" + assertionId + "\n" + roleArn, notOnOrAfter) == null;
    }
}
