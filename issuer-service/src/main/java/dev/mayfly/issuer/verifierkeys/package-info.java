/**
 * What the issuer hands resource servers' verifiers: the signed claims of a session they were shown and a day's signing
 * key for their own service (POST /mayfly/session-key), and the public keys the claims (and the issuer's feed records)
 * are signed with. Owns that endpoint
 * and the claims-signing key files. Must not touch: the session-token keys themselves, which never leave the issuer.
 */
package dev.mayfly.issuer.verifierkeys;
