package dev.mayfly.deploymentkeys;

import dev.mayfly.privatefiles.KeyFileRotation;
import dev.mayfly.signing.KeyLines;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.signing.WebIdentityKeyRing;
import dev.mayfly.token.KeyRing;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rings on mayfly.keys, what their keys are, and how long a retired key of each is kept. ./mayfly keys init makes
 * each of them once.
 */
public enum DeploymentRing {

    /** AES-256: seals session tokens (the issuer's). */
    SESSION_TOKEN("session-token", now -> KeyRing.newKeyLine("k" + now.toEpochMilli()), KeyRing::parse, KeyRing.LONGEST_SESSION),
    /**
     * AES-256: seals secrets at rest, access keys' secrets and MFA seeds (the issuer's). Never rotated by dropping keys:
     * what an old key sealed stays in the database until it is sealed again.
     */
    CREDENTIAL_VAULT("credential-vault", now -> KeyRing.newKeyLine("k" + now.toEpochMilli()), KeyRing::parse, null),
    /** Ed25519: signs sessions' claims for verifiers and the issuer's feed records. */
    ISSUER_SIGNING("issuer-signing", SigningKeyRing::newKeyLine, SigningKeyRing::parse, KeyRing.LONGEST_SESSION),
    /**
     * RSA-2048 and P-384: sign the JSON Web Tokens of GetWebIdentityToken (the issuer's), published at every account's
     * issuer URL; a key is published before it signs ({@link WebIdentityKeyRing#PUBLISH_AHEAD}).
     */
    WEB_IDENTITY_SIGNING("web-identity-signing", WebIdentityKeyRing::newKeyLine, WebIdentityKeyRing::parse,
            WebIdentityKeyRing.KEEP_RETIRED),
    /** Ed25519: signs the revocation service's records on mayfly.revocations and mayfly.events. */
    REVOCATION_SIGNING("revocation-signing", SigningKeyRing::newKeyLine, SigningKeyRing::parse, KeyRing.LONGEST_SESSION),
    /** Ed25519: signs the audit service's records on mayfly.events. */
    AUDIT_FEED_SIGNING("audit-feed-signing", SigningKeyRing::newKeyLine, SigningKeyRing::parse, KeyRing.LONGEST_SESSION),
    /**
     * Ed25519: signs the audit service's digests, one key for all its processes. Never rotated by dropping keys: a digest
     * validates with the key that signed it for as long as the trail is kept.
     */
    AUDIT_DIGEST_SIGNING("audit-digest-signing", SigningKeyRing::newKeyLine, SigningKeyRing::parse, null),
    /**
     * HMAC-SHA256: the issuer's key for the credentials of the services that ask it for decisions and session keys (the
     * audit and revocation services, resource servers' verifiers), so that every issuer admits them. Its current key
     * makes credentials; a retired one keeps admitting the credentials it made for a week, time to hand the services
     * their new ones.
     */
    SERVICE_CREDENTIALS("service-credentials", now -> KeyRing.newKeyLine("k" + now.toEpochMilli()),
            text -> KeyLines.parse(text, 32, "HMAC-SHA256"), Duration.ofDays(7));

    private final String ringName;
    private final Function<Instant, String> freshKeyLine;
    /** Reads the ring as its users do: refuses keys of the wrong kind or size. */
    private final Function<String, ?> parse;
    /** How long a key is kept once its successor is current; null: always. */
    private final Duration keepRetired;

    DeploymentRing(String ringName, Function<Instant, String> freshKeyLine, Function<String, ?> parse, Duration keepRetired) {
        this.ringName = ringName;
        this.freshKeyLine = freshKeyLine;
        this.parse = parse;
        this.keepRetired = keepRetired;
    }

    /** The record key on mayfly.keys, and what operators call the ring. */
    public String ringName() {
        return ringName;
    }

    public static Optional<DeploymentRing> named(String ringName) {
        return Arrays.stream(values()).filter(ring -> ring.ringName.equals(ringName)).findFirst();
    }

    /** A new ring of one fresh key, its first generation. */
    public StoredRing fresh(Instant now) {
        return new StoredRing(ringName, 1, freshKeyLine.apply(now));
    }

    /**
     * The first generation of a ring whose keys were kept elsewhere until now (an issuer's key file from before
     * mayfly.keys): what they sealed keeps opening.
     *
     * @throws IllegalArgumentException when the text is not a ring of this kind; the message names key ids only
     */
    public StoredRing imported(String keyLines) {
        parse.apply(keyLines);
        String keys = keyLines.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line + "\n").reduce("", String::concat);
        return new StoredRing(ringName, 1, keys);
    }

    /** A ring of one fresh key that replaces this one (keys init --force): what the old keys sealed no longer opens. */
    public StoredRing replacement(StoredRing current, Instant now) {
        return new StoredRing(ringName, current.generation() + 1, freshKeyLine.apply(now));
    }

    /**
     * The ring with a fresh key that is current from now on; the keys whose successor has been current for longer than
     * this ring keeps retired keys dropped.
     */
    public StoredRing rotated(StoredRing current, Instant now) {
        String keys = KeyFileRotation.rotated(current.keys(), now, freshKeyLine.apply(now),
                keepRetired == null ? Duration.ofDays(365_000) : keepRetired);
        return new StoredRing(ringName, current.generation() + 1, keys);
    }
}
