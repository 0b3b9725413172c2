/**
 * The issuer's read side: an in-memory directory of accounts, users, roles, access keys and policies, and of
 * workloads, built from the state changes of the event store and kept current by its tail
 * ({@link dev.mayfly.eventstore.EventStoreTail}), which follows what every issuer on the database commits: a change made
 * through one issuer is enforced by all within a tick, and by the one that made it before it answers. Authentication and
 * authorization read it on every request, so a lookup is a map read. The access keys' last uses, which come from calls
 * rather than changes, are in a table every issuer writes ({@link dev.mayfly.issuer.query.AccessKeyUsage}).
 *
 * <p>{@link dev.mayfly.issuer.query.IdentityDirectory} is the facade the issuer reads and the tail feeds: it applies one
 * event at a time, through the {@code EventDispatcher} (event class to handlers, built once),
 * to the projections that follow it, and tells the policy feed which account changed. Each projection owns its views
 * and the events that change them:
 * <ul>
 *   <li>{@code AccountsProjection}: the accounts and the regions where STS is deactivated for each;</li>
 *   <li>{@code AccessKeysProjection}: the users' and the roots' long-term access keys (an account's first root key comes
 *       with {@code AccountCreated});</li>
 *   <li>{@code UsersProjection}: the users, their inline policies, permissions boundaries and tags;</li>
 *   <li>{@code RolesProjection}: the roles, their trust policies (as they decide), inline policies, boundaries and tags;</li>
 *   <li>{@code GroupsProjection}: the groups, their members and inline policies, and each user's groups (which
 *       {@code UserDeleted} removes);</li>
 *   <li>{@code ManagedPoliciesProjection}: the customer-managed policies, their versions and tags, and their
 *       attachments, kept both per entity and as each policy's attachment count; and each account's attachments of
 *       AWS-managed policies, whose documents are the build's (module aws-managed-policies), not events;</li>
 *   <li>{@code MfaDevicesProjection}: the virtual MFA devices, their assignment, drift, lock and tags;</li>
 *   <li>{@code OidcProvidersProjection} and {@code SamlProvidersProjection}: the identity providers;</li>
 *   <li>{@code InstanceProfilesProjection}: the instance profiles, the role each holds, and their tags;</li>
 *   <li>{@code AnalyzersProjection}: IAM Access Analyzer's analyzers, and what each role's trust policy lets in from
 *       outside its account ({@code TrustExposures}), current and resolved, dated by the roles' events.</li>
 * </ul>
 * What spans projections (a boundary's users and roles, the holder of a user or role ARN) the facade answers.
 * {@link dev.mayfly.issuer.query.WorkloadDirectory} keeps the workloads apart.
 *
 * <p>A start need not apply every state change ever stored: the tail hands its position over every so many changes, and
 * the directories are then saved with it, as JSON, in the issuer's database ({@link
 * dev.mayfly.issuer.query.ReadModelCheckpoints}); the next start restores the last such snapshot that its own build wrote,
 * and the tail applies only what was committed after its position and in its gaps.
 */
package dev.mayfly.issuer.query;
