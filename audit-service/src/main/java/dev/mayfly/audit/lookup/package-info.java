/**
 * Reading records, always within the caller's account (a tenant never sees another's): CloudTrail's LookupEvents,
 * and ListRecords, the whole of a time window as stored, for validation against the digests.
 */
package dev.mayfly.audit.lookup;
