package dev.mayfly.issuer.authz;

import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.issuer.auth.Authenticator;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.authz.AuthorizationRequest;
import dev.mayfly.runtime.authz.AuthorizationResult;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SignatureException;
import dev.mayfly.sigv4.SignatureParts;
import dev.mayfly.sigv4.SignedRequest;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Authenticates a signed request and authorizes what it asks, exactly as for the issuer's own Query calls: for the
 * issuer's JSON APIs directly, and for the other services through POST /mayfly/authorize.
 */
public final class SignedRequestAuthorizer {

    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final Clock clock;

    public SignedRequestAuthorizer(Authenticator authenticator, Authorizer authorizer, Clock clock) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    /**
     * Who signed the request.
     *
     * @param identified told the caller's identity as soon as it is known: verified, or, when the signature fails, the
     *                   one the request claims (unverified, only for the record of the refusal)
     * @throws AwsServiceException the signature's failure, in AWS's words
     */
    public Caller authenticate(SignedRequest signed, String service, Consumer<UserIdentity> identified) {
        SignatureParts parts = null;
        try {
            parts = authenticator.claims(signed);
            Caller caller = authenticator.authenticate(signed, parts, service);
            identified.accept(caller.userIdentity());
            return caller;
        } catch (SignatureException e) {
            Caller claimed = parts == null ? null : authenticator.claimedCaller(parts).orElse(null);
            identified.accept(claimed == null ? null : claimed.userIdentity());
            throw new AwsServiceException(e.failure().code(), e.getMessage(), e.failure().httpStatus());
        }
    }

    /**
     * Refuses (AccessDenied, in AWS's words) unless the caller's policies allow the action on the resource.
     *
     * @param secureTransport whether the request came over TLS (aws:SecureTransport)
     */
    public void authorize(Caller caller, String action, String resource, String sourceIp, boolean secureTransport) {
        authorizer.authorize(caller, action, resource, ConditionKeys.of(caller, sourceIp, secureTransport, clock.instant()));
    }

    /**
     * The decision on a request another service passed on. A refusal by policy carries the verified identity; a refused
     * signature only the account and key the request claimed, so that the other service records the attempt in that
     * account's trail, while whoever asks here, signing with nothing but someone's key id, learns no user's or role's name.
     */
    public AuthorizationResult decide(AuthorizationRequest request) {
        RequestHeaders headers = new RequestHeaders();
        if (request.headers() != null) {
            request.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        }
        SignedRequest signed = new SignedRequest(request.method(), request.path(), request.rawQuery(), headers,
                request.body() == null ? new byte[0] : Base64.getDecoder().decode(request.body()));
        AtomicReference<UserIdentity> claimed = new AtomicReference<>();
        Caller caller;
        try {
            caller = authenticate(signed, request.service(), claimed::set);
        } catch (AwsServiceException e) {
            return AuthorizationResult.refuse(withoutNames(claimed.get()), e.code(), e.getMessage(), e.httpStatus());
        }
        try {
            authorize(caller, request.action(), request.resource(), request.sourceIp(), request.secureTransport());
            return AuthorizationResult.allow(caller.userIdentity());
        } catch (AwsServiceException e) {
            return AuthorizationResult.refuse(caller.userIdentity(), e.code(), e.getMessage(), e.httpStatus());
        }
    }

    /** A claimed identity reduced to its type, account and access key id: what the record of a refused signature needs. */
    private static UserIdentity withoutNames(UserIdentity claimed) {
        return claimed == null ? null
                : new UserIdentity(claimed.type(), null, null, claimed.accountId(), claimed.accessKeyId(), null, null, null);
    }

    /** A request as it reached this service, for its signature to be checked. */
    public static SignedRequest signedRequest(HttpExchange exchange, byte[] body) {
        RequestHeaders headers = new RequestHeaders();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        return new SignedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                headers, body);
    }
}
