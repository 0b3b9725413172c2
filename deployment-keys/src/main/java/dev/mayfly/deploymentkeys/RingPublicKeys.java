package dev.mayfly.deploymentkeys;

import dev.mayfly.signing.PublicKeyRing;
import dev.mayfly.signing.PublicKeys;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.signing.VerifiedSignatures;

/**
 * Another service's public keys as its signing ring on mayfly.keys holds them, followed there: what a process given the
 * deployment's key-encryption key checks that service's records with, so that a rotation of the ring is trusted within
 * seconds in every process, with no copy of a .pub file to carry between machines. Only the public half is kept.
 */
public final class RingPublicKeys implements PublicKeys {

    private final DeploymentRing ring;
    private volatile PublicKeyRing keys;

    private RingPublicKeys(DeploymentRing ring) {
        this.ring = ring;
    }

    /**
     * @param topic followed and caught up; the ring may be missing (nothing it would sign is trusted until it is there)
     * @param ring  a signing ring (Ed25519)
     */
    public static RingPublicKeys follow(KeyRingTopic topic, DeploymentRing ring) {
        RingPublicKeys followed = new RingPublicKeys(ring);
        topic.onChange(changed -> {
            if (changed.name().equals(ring.ringName())) {
                followed.use(changed);
            }
        });
        topic.ring(ring.ringName()).ifPresent(followed::use);
        return followed;
    }

    private void use(StoredRing stored) {
        keys = SigningKeyRing.parse(stored.keys()).publicKeys();
    }

    @Override
    public boolean verify(String keyId, byte[] message, byte[] signature, VerifiedSignatures verified) {
        PublicKeyRing current = keys;
        return current != null && current.verify(keyId, message, signature, verified);
    }

    @Override
    public String toString() {
        return ring.ringName() + " on mayfly.keys";
    }
}
