/**
 * AWS's JSON 1.1 protocol as CloudTrail speaks it: one endpoint, operations by X-Amz-Target, SigV4 checked by the
 * issuer, errors as {"__type", "message"}, and every call recorded. Operations themselves live with what they read
 * ({@link dev.mayfly.audit.lookup}, {@link dev.mayfly.audit.integrity}); this package knows none of them.
 */
package dev.mayfly.audit.protocol;
