/**
 * Least privilege from the trail, as IAM Access Analyzer's policy generation does it from CloudTrail: the policy that
 * allows only what a principal (a user, a role with all its sessions, or one role session) used successfully in a
 * window (GeneratePolicy), and per principal and access key, when it was last active and what it used
 * (ListPrincipalActivity), from which {@code ./mayfly policy unused} tells what was granted and never used.
 *
 * <p>Both read the trail with aggregations only, never record by record, so that a window of 90 days costs one search
 * however many calls it holds. Both answer only within the caller's account: the account filter is on every search, and
 * a principal of another account is refused before any search.
 */
package dev.mayfly.audit.leastprivilege;
