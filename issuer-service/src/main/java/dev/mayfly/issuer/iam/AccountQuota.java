package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.query.IdentityDirectory;
import java.util.Collection;
import java.util.function.BiFunction;

/**
 * IAM's default quotas on the entities of one account, enforced when one is created (LimitExceeded, in IAM's words).
 * Every entity lives in the issuer's memory and in every verifier's policy feed: without a bound, one tenant creating
 * users or policies in a loop would exhaust what all tenants share. Counted from the directory before the creation,
 * so creations racing on several issuers may pass a quota by the few in flight at once, never without bound.
 */
public enum AccountQuota {

    USERS("UsersPerAccount", "UsersQuota", 5000, IdentityDirectory::usersIn),
    GROUPS("GroupsPerAccount", "GroupsQuota", 300, IdentityDirectory::groupsIn),
    ROLES("RolesPerAccount", "RolesQuota", 1000, IdentityDirectory::rolesIn),
    POLICIES("PoliciesPerAccount", "PoliciesQuota", 1500, IdentityDirectory::managedPoliciesIn),
    INSTANCE_PROFILES("InstanceProfilesPerAccount", "InstanceProfilesQuota", 1000, IdentityDirectory::instanceProfilesIn),
    OPEN_ID_CONNECT_PROVIDERS("OpenIdConnectProvidersPerAccount", null, 100, IdentityDirectory::oidcProvidersIn),
    SAML_PROVIDERS("SAMLProvidersPerAccount", null, 100, IdentityDirectory::samlProvidersIn),
    /** IAM allows as many virtual MFA devices, assigned or not, as users. */
    VIRTUAL_MFA_DEVICES("VirtualMFADevicesPerAccount", null, 5000, IdentityDirectory::mfaDevicesIn);

    private final String name;
    private final String summaryKey;
    private final int limit;
    private final BiFunction<IdentityDirectory, AccountId, Collection<?>> entities;

    AccountQuota(String name, String summaryKey, int limit, BiFunction<IdentityDirectory, AccountId, Collection<?>> entities) {
        this.name = name;
        this.summaryKey = summaryKey;
        this.limit = limit;
        this.entities = entities;
    }

    /** @throws dev.mayfly.runtime.AwsServiceException LimitExceeded when the account already holds as many as allowed */
    public void requireRoomForOneMore(IdentityDirectory directory, AccountId account) {
        if (entities.apply(directory, account).size() >= limit) {
            throw IamErrors.limitExceeded("Cannot exceed quota for " + name + ": " + limit);
        }
    }

    /** The key GetAccountSummary reports this quota under, or null when it reports none. */
    public String summaryKey() {
        return summaryKey;
    }

    public int limit() {
        return limit;
    }
}
