package dev.mayfly.issuer.protocol;

import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import java.util.Optional;

/**
 * An action that takes no AWS signature: its caller proves who it is with what it presents (a web identity token, a
 * SAML assertion), which the action itself verifies. The context's caller is then null. So that the call still lands
 * in a tenant's trail, the action says whose account it concerns and whom the call claims to come from.
 */
public interface AnonymousAction extends QueryAction {

    /** The account whose trail records the call (the role's), when the parameters name one. */
    Optional<String> recipientAccount(QueryParameters parameters);

    /** Who the call claims to come from, for its record (not verified yet: what the presented credential says). */
    UserIdentity claimedIdentity(QueryParameters parameters);
}
