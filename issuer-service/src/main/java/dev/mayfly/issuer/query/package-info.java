/**
 * The issuer's read side: an in-memory directory of accounts, users, roles, access keys and policies,
 * built from the events (replayed at start by {@link dev.mayfly.issuer.query.DirectoryReplay}, which reads the state
 * changes and, of the recorded calls, only those after the snapshot of the keys' last uses; then kept current after
 * each commit). Authentication and
 * authorization read it on every request, so a lookup is a map read.
 *
 * <p>{@link dev.mayfly.issuer.query.IdentityDirectory} is the facade the issuer reads and Axon calls: it applies one
 * event at a time, through the {@code EventDispatcher} (event class to handlers, built once),
 * to the projections that follow it, and tells the policy feed which account changed. Each projection owns its views
 * and the events that change them:
 * <ul>
 *   <li>{@code AccountsProjection}: the accounts and the regions where STS is deactivated for each;</li>
 *   <li>{@code AccessKeysProjection}: the users' and the roots' long-term access keys (an account's first root key comes
 *       with {@code AccountCreated}) and each key's last use, the only thing the directory makes of
 *       {@code ApiCallRecorded}; a deleted key's last use goes with it;</li>
 *   <li>{@code UsersProjection}: the users, their inline policies, permissions boundaries and tags;</li>
 *   <li>{@code RolesProjection}: the roles, their trust policies (as they decide), inline policies, boundaries and tags;</li>
 *   <li>{@code GroupsProjection}: the groups, their members and inline policies, and each user's groups (which
 *       {@code UserDeleted} removes);</li>
 *   <li>{@code ManagedPoliciesProjection}: the customer-managed policies, their versions and tags, and their
 *       attachments, kept both per entity and as each policy's attachment count;</li>
 *   <li>{@code MfaDevicesProjection}: the virtual MFA devices, their assignment, drift, lock and tags;</li>
 *   <li>{@code OidcProvidersProjection} and {@code SamlProvidersProjection}: the identity providers.</li>
 * </ul>
 * What spans projections (a boundary's users and roles, the holder of a user or role ARN) the facade answers.
 * {@link dev.mayfly.issuer.query.WorkloadDirectory} keeps the workloads apart, with handlers of its own.
 */
package dev.mayfly.issuer.query;
