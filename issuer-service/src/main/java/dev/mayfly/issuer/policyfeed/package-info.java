/**
 * The policy feed: what decides for every user, role and managed policy, published to the compacted topic
 * mayfly.policies, each record signed with the issuer's key, so that verifiers next to resource servers decide as the
 * issuer would without asking it. Reads the
 * identity directory; changes nothing in it.
 */
package dev.mayfly.issuer.policyfeed;
