/**
 * Asking the issuer whether a signed request may do an action: the services other than the issuer hold
 * no secrets, so they pass the request as it arrived (method, path, query, headers, body) to the issuer's
 * POST /mayfly/authorize and act on its answer. The issuer checks the signature, the session, revocations
 * and policies exactly as for its own calls.
 */
package dev.mayfly.runtime.authz;
