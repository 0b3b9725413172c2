package dev.mayfly.issuer.webidentity;

import java.time.Duration;

/**
 * How far the issuer goes for an identity provider's keys: one deadline for the whole fetch (name lookup, connect,
 * TLS, discovery document and JWKS), and a size cap for each document, counted while it streams. A provider that
 * trickles bytes or sends without end cannot hold a request thread, nor memory, for longer or more than this.
 */
public record FetchLimits(Duration deadline, int maxDocumentBytes) {

    /** Discovery documents and JWKS are a few KiB; the largest public ones stay far below 256 KiB. */
    public static final FetchLimits DEFAULT = new FetchLimits(Duration.ofSeconds(5), 256 * 1024);
}
