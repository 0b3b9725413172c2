/**
 * SAML 2.0 federation: reading an identity provider's metadata (its entity id and signing certificates) and verifying
 * the signed SAML responses that AssumeRoleWithSAML presents (XML signature, issuer, audience, recipient, validity
 * window, one use per assertion and role, shared by the issuers through their database). XML is parsed without DTDs or external entities, and the element whose signature was
 * checked is the element that is read. Must not reach the HTTP protocol of the issuer.
 */
package dev.mayfly.issuer.saml;
