package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.runtime.AwsServiceException;

/**
 * Accounts may deactivate STS in regions they do not use: there, STS issues them no credentials
 * (RegionDisabledException). The account asked to generate the credentials decides: the role's for AssumeRole, the
 * caller's for GetSessionToken and GetFederationToken.
 */
final class StsRegions {

    private StsRegions() {
    }

    static void requireActive(IdentityDirectory directory, AccountId account, String region) {
        boolean inactive = directory.account(account).map(a -> a.inactiveStsRegions().contains(region)).orElse(false);
        if (inactive) {
            throw new AwsServiceException("RegionDisabledException", "STS is not activated in this region for account:" + account.value()
                    + ". Your account administrator can activate STS in this region using the IAM Console.", 403);
        }
    }
}
