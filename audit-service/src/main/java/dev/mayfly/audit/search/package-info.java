/**
 * Monitoring over one account's records: free search with aggregations, the saved security queries (bursts of
 * refused AssumeRole, new source IPs, revoked or expired credentials in use, cross-account assumptions, root usage),
 * and who held a role at an instant. Every query carries the account filter: a tenant never sees another's records.
 */
package dev.mayfly.audit.search;
