/**
 * CloudTrail's LookupEvents (JSON 1.1, X-Amz-Target CloudTrail_20131101.LookupEvents), scoped to the
 * caller's account: a tenant never sees another's records.
 */
package dev.mayfly.audit.lookup;
