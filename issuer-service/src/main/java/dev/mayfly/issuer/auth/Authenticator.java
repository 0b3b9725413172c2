package dev.mayfly.issuer.auth;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.RoleArn;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.sigv4.AuthFailure;
import dev.mayfly.sigv4.SigV4Verifier;
import dev.mayfly.sigv4.SignatureException;
import dev.mayfly.sigv4.SignatureParser;
import dev.mayfly.sigv4.SignatureParts;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.token.SessionClaims;
import dev.mayfly.token.SessionTokenSealer;
import dev.mayfly.token.TokenException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a signed request into a {@link Caller}: the signing key's secret comes from the vault (long-term
 * keys) or from the session token's sealed claims (temporary credentials); the signature is then checked
 * in constant time. Every refusal says as little as AWS does: an unknown key and a wrong one look alike.
 */
public final class Authenticator {

    private static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private final IdentityDirectory directory;
    private final CredentialVault vault;
    private final SessionTokenSealer sealer;
    private final Clock clock;
    private final Map<String, SigV4Verifier> verifiers = new ConcurrentHashMap<>();

    public Authenticator(IdentityDirectory directory, CredentialVault vault, SessionTokenSealer sealer, Clock clock) {
        this.directory = directory;
        this.vault = vault;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** What a signature claims, before anything is checked: the caller's key id and region for the audit record. */
    public SignatureParts claims(SignedRequest request) {
        return SignatureParser.parse(request);
    }

    /**
     * @param signingName the service name the credential scope must name ("sts", "iam", ...)
     * @throws SignatureException    when the signature, key or token is not acceptable
     * @throws AwsServiceException   ExpiredToken for an expired session
     */
    public Caller authenticate(SignedRequest request, SignatureParts parts, String signingName) {
        SigV4Verifier verifier = verifiers.computeIfAbsent(signingName, name -> new SigV4Verifier(Set.of(name), true));
        String keyId = parts.scope().accessKeyId();
        if (parts.securityToken() != null) {
            SessionClaims claims = openToken(parts.securityToken());
            if (!claims.accessKeyId().equals(keyId)) {
                throw new SignatureException(AuthFailure.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN);
            }
            verifier.verify(request, parts, claims.secretAccessKey(), clock.instant());
            if (claims.isExpiredAt(clock.instant())) {
                throw new AwsServiceException("ExpiredToken", "The security token included in the request is expired", 403);
            }
            return Caller.session(claims).withPrincipalTags(sessionOwnerTags(claims));
        }
        AccessKeyView key = directory.accessKey(keyId).filter(AccessKeyView::active)
                .orElseThrow(() -> new SignatureException(AuthFailure.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN));
        String secret = vault.secret(keyId)
                .orElseThrow(() -> new SignatureException(AuthFailure.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN));
        verifier.verify(request, parts, secret, clock.instant());
        if (key.isRoot()) {
            return Caller.root(key.accountId(), keyId);
        }
        return directory.user(new UserRef(key.accountId(), key.userName()))
                .map(user -> Caller.user(user, keyId))
                .orElseThrow(() -> new SignatureException(AuthFailure.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN));
    }

    /**
     * Who the request claims to come from, without the signature having been checked: only for the audit
     * record of a refused call, so that the owner of a key sees failed attempts made with it in its own trail.
     */
    public Optional<Caller> claimedCaller(SignatureParts parts) {
        if (parts.securityToken() != null) {
            try {
                SessionClaims claims = sealer.open(parts.securityToken());
                return claims.accessKeyId().equals(parts.scope().accessKeyId()) ? Optional.of(Caller.session(claims)) : Optional.empty();
            } catch (TokenException e) {
                return Optional.empty();
            }
        }
        return directory.accessKey(parts.scope().accessKeyId()).flatMap(key -> key.isRoot()
                ? Optional.of(Caller.root(key.accountId(), key.accessKeyId()))
                : directory.user(new UserRef(key.accountId(), key.userName())).map(user -> Caller.user(user, key.accessKeyId())));
    }

    /** The tags of the role a session was issued for, or of the user who asked for it (its own session tags come over them). */
    private Map<String, String> sessionOwnerTags(SessionClaims claims) {
        AccountId account = AccountId.of(claims.accountId());
        return switch (claims.principalType()) {
            case ASSUMED_ROLE -> RoleArn.parse(claims.issuerArn()).flatMap(arn -> directory.role(arn.ref()))
                    .map(RoleView::tags).orElse(Map.of());
            case FEDERATED_USER, IAM_USER_SESSION -> claims.issuerArn().endsWith(":root") ? Map.of()
                    : directory.user(new UserRef(account, claims.issuerArn().substring(claims.issuerArn().lastIndexOf('/') + 1)))
                    .map(UserView::tags).orElse(Map.of());
            case ROOT_SESSION -> Map.of();
        };
    }

    private SessionClaims openToken(String token) {
        try {
            return sealer.open(token);
        } catch (TokenException e) {
            throw new SignatureException(AuthFailure.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN);
        }
    }
}
