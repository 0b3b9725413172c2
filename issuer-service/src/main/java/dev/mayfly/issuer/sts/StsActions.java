package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.authz.AuthorizationMessages;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.mfa.MfaVerifier;
import dev.mayfly.issuer.outbound.WebIdentityTokens;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.saml.AssertionUses;
import dev.mayfly.issuer.webidentity.TokenVerifier;
import java.util.List;

/** The STS actions: who the caller is, sessions for roles, users and federated users, and web identity tokens. */
public final class StsActions implements ActionGroup {

    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final SessionIssuer sessions;
    private final MfaVerifier mfa;
    private final TokenVerifier webIdentityTokens;
    private final AssertionUses samlAssertions;
    private final AuthorizationMessages authorizationMessages;
    private final WebIdentityTokens outboundTokens;

    public StsActions(IdentityDirectory directory, Authorizer authorizer, SessionIssuer sessions, MfaVerifier mfa,
                      TokenVerifier webIdentityTokens, AssertionUses samlAssertions, AuthorizationMessages authorizationMessages,
                      WebIdentityTokens outboundTokens) {
        this.outboundTokens = outboundTokens;
        this.directory = directory;
        this.authorizer = authorizer;
        this.sessions = sessions;
        this.mfa = mfa;
        this.webIdentityTokens = webIdentityTokens;
        this.samlAssertions = samlAssertions;
        this.authorizationMessages = authorizationMessages;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new GetCallerIdentityAction(authorizer),
                new GetAccessKeyInfoAction(directory, authorizer),
                new DecodeAuthorizationMessageAction(authorizer, authorizationMessages),
                new AssumeRoleProvider(directory, authorizer, sessions, mfa),
                new AssumeRoleWithWebIdentityProvider(directory, authorizer, webIdentityTokens, sessions),
                new AssumeRoleWithSamlProvider(directory, authorizer, sessions, samlAssertions),
                new GetSessionTokenProvider(directory, authorizer, sessions, mfa),
                new GetFederationTokenProvider(directory, authorizer, sessions),
                new GetWebIdentityTokenProvider(directory, authorizer, outboundTokens));
    }
}
