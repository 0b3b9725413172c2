package dev.mayfly.signing;

import dev.mayfly.privatefiles.PrivateFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys that sign the JSON Web Tokens accounts hand to other parties (STS GetWebIdentityToken): each generation an
 * RSA-2048 key for RS256 and a P-384 key for ES384, the two algorithms AWS offers. Every key is published (JWKS) as soon
 * as it is in the ring, but a key signs only once it has been published for {@link #PUBLISH_AHEAD}: relying parties that
 * cache the key set (for up to {@link #JWKS_MAX_AGE}) have it before the first token it signs reaches them. A key stays
 * published after its successor took over for as long as the ring keeps retired keys, longer than a token lives.
 *
 * <p>Line form, oldest first: {@code o<epoch millis>:rsaPrivate.rsaPublic.ecPrivate.ecPublic}, each part base64 of
 * PKCS#8 (private) or X.509 SubjectPublicKeyInfo (public). The key id says when the key was made, which is what both
 * the rotation's retention and {@link #PUBLISH_AHEAD} count from.
 */
public final class WebIdentityKeyRing {

    /** How long a key is published before it signs: twice what a relying party may cache the key set for. */
    public static final Duration PUBLISH_AHEAD = Duration.ofMinutes(10);
    /** How long a relying party may cache the key set (Cache-Control on jwks.json). */
    public static final Duration JWKS_MAX_AGE = Duration.ofMinutes(5);
    /** The longest a token lives: GetWebIdentityToken's DurationSeconds is at most 3600. */
    public static final Duration LONGEST_TOKEN = Duration.ofHours(1);
    /**
     * How long a key stays in the ring once its successor was made: it may sign until {@link #PUBLISH_AHEAD} after that,
     * and what it signed then lives {@link #LONGEST_TOKEN}; an hour more for clocks and caches.
     */
    public static final Duration KEEP_RETIRED = PUBLISH_AHEAD.plus(LONGEST_TOKEN).plusHours(1);
    private static final int P384_COORDINATE_BYTES = 48;

    private final List<Generation> generations;

    private WebIdentityKeyRing(List<Generation> generations) {
        if (generations.isEmpty()) {
            throw new IllegalArgumentException("no web identity signing key in the ring");
        }
        this.generations = List.copyOf(generations);
    }

    /** The algorithms GetWebIdentityToken's SigningAlgorithm names. */
    public enum Algorithm {
        RS256("RSA", "SHA256withRSA"),
        ES384("EC", "SHA384withECDSAinP1363Format");

        private final String keyType;
        private final String jcaSignature;

        Algorithm(String keyType, String jcaSignature) {
            this.keyType = keyType;
            this.jcaSignature = jcaSignature;
        }
    }

    /** One generation: when it was made, its RSA and EC pairs. */
    private record Generation(String id, Instant madeAt, KeyPair rsa, KeyPair ec) {

        KeyPair pair(Algorithm algorithm) {
            return algorithm == Algorithm.RS256 ? rsa : ec;
        }

        String keyId(Algorithm algorithm) {
            return id + "-" + algorithm.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A JWS signature and the key id (kid) that verifies it. */
    public record Signed(String keyId, byte[] signature) {
    }

    /**
     * A public key as a JSON Web Key's members (RFC 7517/7518): kty, kid, use, alg and the key's own members, the values
     * base64url without padding.
     */
    public record PublicJwk(Map<String, String> members) {
        public PublicJwk {
            members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    /**
     * @throws IllegalArgumentException when a line is not a generation of this form; the message names key ids only
     */
    public static WebIdentityKeyRing parse(String text) {
        List<Generation> generations = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            generations.add(generation(trimmed));
        }
        return new WebIdentityKeyRing(generations);
    }

    private static Generation generation(String line) {
        int colon = line.indexOf(':');
        String id = colon > 0 ? line.substring(0, colon) : "";
        String[] parts = colon > 0 ? line.substring(colon + 1).split("\\.") : new String[0];
        if (!id.matches("o\\d{1,18}") || parts.length != 4) {
            throw new IllegalArgumentException("web identity key lines read o<epoch millis>:rsaPrivate.rsaPublic.ecPrivate.ecPublic"
                    + (id.isEmpty() ? "" : " (key " + id + ")"));
        }
        KeyPair rsa = pair(id, "RSA", parts[0], parts[1]);
        KeyPair ec = pair(id, "EC", parts[2], parts[3]);
        if (!(rsa.getPublic() instanceof RSAPublicKey rsaPublic) || rsaPublic.getModulus().bitLength() < 2048
                || !(ec.getPublic() instanceof ECPublicKey ecPublic) || ecPublic.getParams().getCurve().getField().getFieldSize() != 384) {
            throw new IllegalArgumentException("the web identity key " + id + " is not RSA of 2048 bits or more and EC P-384");
        }
        return new Generation(id, Instant.ofEpochMilli(Long.parseLong(id.substring(1))), rsa, ec);
    }

    /** A key pair from its base64 PKCS#8 and X.509 forms; a refusal names the key id and the failure's kind, never material. */
    private static KeyPair pair(String id, String algorithm, String privateKey, String publicKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm);
            Base64.Decoder base64 = Base64.getDecoder();
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(base64.decode(publicKey))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(privateKey))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the web identity key " + id + " is not readable as " + algorithm + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** A fresh generation (an RSA-2048 and a P-384 pair) in the ring's line form, its id saying when it was made. */
    public static String newKeyLine(Instant now) {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp384r1"));
            KeyPair rsaPair = rsa.generateKeyPair();
            KeyPair ecPair = ec.generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            return "o" + now.toEpochMilli() + ":" + String.join(".", base64.encodeToString(rsaPair.getPrivate().getEncoded()),
                    base64.encodeToString(rsaPair.getPublic().getEncoded()), base64.encodeToString(ecPair.getPrivate().getEncoded()),
                    base64.encodeToString(ecPair.getPublic().getEncoded())) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA-2048 or P-384 keys", e);
        }
    }

    /** Reads the ring from an owner-only file, created with one fresh generation when missing (single-issuer setups). */
    public static WebIdentityKeyRing loadOrCreate(Path file, Instant now) throws IOException {
        PrivateFiles.createIfAbsent(file, newKeyLine(now));
        return parse(PrivateFiles.read(file));
    }

    /**
     * Adds a fresh generation, published from now on and signing once {@link #PUBLISH_AHEAD} has passed, and drops the
     * generations retired for longer than {@link #KEEP_RETIRED}.
     */
    public static WebIdentityKeyRing rotate(Path file, Instant now) throws IOException {
        return parse(dev.mayfly.privatefiles.KeyFileRotation.rotate(file, now, newKeyLine(now), KEEP_RETIRED));
    }

    /**
     * The generation that signs at that time: the newest published for at least {@link #PUBLISH_AHEAD}; the oldest when
     * none is that old yet (a ring just made, whose only key has to sign at once).
     */
    private Generation signingAt(Instant now) {
        Generation chosen = generations.getFirst();
        for (Generation generation : generations) {
            if (!generation.madeAt().plus(PUBLISH_AHEAD).isAfter(now)) {
                chosen = generation;
            }
        }
        return chosen;
    }

    /** The key id that signs with this algorithm at that time. */
    public String signingKeyId(Algorithm algorithm, Instant now) {
        return signingAt(now).keyId(algorithm);
    }

    /**
     * Signs a JWS signing input (base64url header "." base64url payload) with the key that signs at that time; the caller
     * has put {@link #signingKeyId} in the header, both asked for the same instant.
     */
    public Signed sign(Algorithm algorithm, byte[] signingInput, Instant now) {
        Generation generation = signingAt(now);
        try {
            Signature signature = Signature.getInstance(algorithm.jcaSignature);
            signature.initSign(generation.pair(algorithm).getPrivate());
            signature.update(signingInput);
            return new Signed(generation.keyId(algorithm), signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + generation.keyId(algorithm) + " failed", e);
        }
    }

    /** Every generation's public keys, both algorithms, oldest first: what jwks.json lists. */
    public List<PublicJwk> publicJwks() {
        List<PublicJwk> jwks = new ArrayList<>();
        for (Generation generation : generations) {
            for (Algorithm algorithm : Algorithm.values()) {
                jwks.add(jwk(generation.keyId(algorithm), algorithm, generation.pair(algorithm).getPublic()));
            }
        }
        return List.copyOf(jwks);
    }

    private static PublicJwk jwk(String keyId, Algorithm algorithm, PublicKey key) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("kty", algorithm.keyType);
        members.put("kid", keyId);
        members.put("use", "sig");
        members.put("alg", algorithm.name());
        if (key instanceof RSAPublicKey rsa) {
            members.put("n", base64Url(unsigned(rsa.getModulus(), (rsa.getModulus().bitLength() + 7) / 8)));
            members.put("e", base64Url(unsigned(rsa.getPublicExponent(), (rsa.getPublicExponent().bitLength() + 7) / 8)));
        } else if (key instanceof ECPublicKey ec) {
            members.put("crv", "P-384");
            members.put("x", base64Url(unsigned(ec.getW().getAffineX(), P384_COORDINATE_BYTES)));
            members.put("y", base64Url(unsigned(ec.getW().getAffineY(), P384_COORDINATE_BYTES)));
        }
        return new PublicJwk(members);
    }

    /** A non-negative integer as exactly {@code length} big-endian bytes, as JWK's members are. */
    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == length) {
            return bytes;
        }
        byte[] fixed = new byte[length];
        int copied = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copied, fixed, length - copied, copied);
        return fixed;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The ids of the ring's generations, oldest first; never a key. */
    @Override
    public String toString() {
        return "web identity keys " + Arrays.toString(generations.stream().map(Generation::id).toArray());
    }
}
