package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.policy.Principal;

/** The IAM user a CallerArn names, as a resource-based policy would see it calling. */
final class Callers {

    private Callers() {
    }

    /**
     * A user of the caller's account is found for its unique id (a policy bound to it names only that user); one of
     * another account is simulated from its ARN alone: another tenant's users are never looked up.
     */
    static Principal user(IdentityDirectory directory, String callerArn, String callerAccount) {
        String account = SimulationRequest.accountOf(callerArn);
        String userId = account.equals(callerAccount)
                ? directory.user(new UserRef(AccountId.of(account), callerArn.substring(callerArn.lastIndexOf('/') + 1)))
                        .filter(user -> user.arn().equals(callerArn)).map(UserView::userId).orElse(null)
                : null;
        return Principal.user(callerArn, account, userId);
    }
}
