package dev.mayfly.issuer.outbound;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where accounts' outbound web identity issuers are: {@code PUBLIC_URL/outbound/ISSUER_ID}, an id given to the account
 * when it first enables the feature. The id is random, as AWS's issuer URLs are: an issuer URL names no account, and
 * one account's URL says nothing of another's. The issuer's public URL is the operator's (MAYFLY_ISSUER_PUBLIC_URL), or
 * the listener's own when clients reach the issuer directly.
 */
public final class OutboundIssuers {

    /** Under the issuer's public URL, before the issuer id. */
    public static final String PATH = "/outbound/";
    private static final Pattern ISSUER_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DOCUMENT_PATH = Pattern.compile(Pattern.quote(PATH) + "(" + ISSUER_ID.pattern()
            + ")/\\.well-known/(openid-configuration|jwks\\.json)");

    private final Supplier<URI> publicUrl;

    /** @param publicUrl the URL clients reach the issuer at, asked when needed (the listener's port is known once bound) */
    public OutboundIssuers(Supplier<URI> publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** A fresh issuer id, for an account that enables the feature for the first time. */
    public static String newIssuerId() {
        return UUID.randomUUID().toString();
    }

    /** The account's issuer URL (IssuerIdentifier, and the iss of its tokens). */
    public String issuerUrl(String issuerId) {
        return publicUrl.get().toString().replaceAll("/+$", "") + PATH + issuerId;
    }

    /** The discovery document a request path asks for: which issuer, and which document. */
    public record DocumentRequest(String issuerId, boolean keySet) {
    }

    /** What a request path asks for, when it is one of an issuer's two documents; any other path, empty. */
    public static Optional<DocumentRequest> document(String path) {
        Matcher matcher = DOCUMENT_PATH.matcher(path == null ? "" : path);
        return matcher.matches() ? Optional.of(new DocumentRequest(matcher.group(1), matcher.group(2).equals("jwks.json")))
                : Optional.empty();
    }
}
