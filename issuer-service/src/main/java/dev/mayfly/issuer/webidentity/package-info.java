/**
 * Web identity federation (OpenID Connect): reading and verifying the JSON Web Tokens that AssumeRoleWithWebIdentity
 * presents, with the signing keys each registered provider publishes (discovery document and JWKS, fetched over TLS
 * from addresses the operator allows and within a deadline and a size cap, cached, refreshed when the provider rotates
 * its keys, kept while it is unreachable). Owns no state but that cache and the fetches under way; must not reach the
 * HTTP protocol of the issuer.
 */
package dev.mayfly.issuer.webidentity;
