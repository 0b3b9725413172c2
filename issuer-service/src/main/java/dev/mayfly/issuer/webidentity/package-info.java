/**
 * Web identity federation (OpenID Connect): reading and verifying the JSON Web Tokens that AssumeRoleWithWebIdentity
 * presents, with the signing keys each registered provider publishes (discovery document and JWKS, fetched over TLS,
 * cached, refreshed when the provider rotates its keys). Owns no state but that cache; must not reach the HTTP
 * protocol of the issuer.
 */
package dev.mayfly.issuer.webidentity;
