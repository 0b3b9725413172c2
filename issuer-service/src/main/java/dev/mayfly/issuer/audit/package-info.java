/**
 * Every API call, accepted or rejected, becomes one {@link dev.mayfly.contract.ApiCallRecorded} event in
 * the event store. Request parameters that carry secrets (web identity tokens, SAML assertions, MFA codes,
 * passwords) are dropped before the event exists.
 */
package dev.mayfly.issuer.audit;
