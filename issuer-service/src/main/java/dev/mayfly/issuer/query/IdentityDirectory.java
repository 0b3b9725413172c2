package dev.mayfly.issuer.query;

import dev.mayfly.contract.AccountScoped;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.AnalyzerRef;
import dev.mayfly.issuer.api.AwsPolicyRef;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.SamlProviderRef;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import dev.mayfly.issuer.query.Views.AccountView;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.MfaDeviceView;
import dev.mayfly.issuer.query.Views.OidcProviderView;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.SamlProviderView;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything the issuer needs to know per request, in memory. Events come from the event store's tail, which reads
 * only what committed, from every issuer on the database, so the directory never shows a change that was rolled back.
 * Each resource's views are kept by its own projection; this class applies every event to the projections that follow
 * it, one event at a time, and answers for them all (readers take no lock).
 */
public final class IdentityDirectory {

    private static final Pattern USER_OR_ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):(user|role)/(?:[^/]+/)*([^/]+)");

    private final AccountsProjection accounts = new AccountsProjection();
    private final AccessKeysProjection accessKeys = new AccessKeysProjection();
    private final UsersProjection users = new UsersProjection();
    private final RolesProjection roles = new RolesProjection();
    private final GroupsProjection groups = new GroupsProjection();
    private final ManagedPoliciesProjection managedPolicies = new ManagedPoliciesProjection();
    private final MfaDevicesProjection mfaDevices = new MfaDevicesProjection();
    private final OidcProvidersProjection oidcProviders = new OidcProvidersProjection();
    private final SamlProvidersProjection samlProviders = new SamlProvidersProjection();
    private final InstanceProfilesProjection instanceProfiles = new InstanceProfilesProjection();
    private final AnalyzersProjection analyzers = new AnalyzersProjection();
    // in this order when two follow one event: the account before its root key, the user before its memberships
    private final EventDispatcher projections = new EventDispatcher(accounts, accessKeys, users, roles, groups, managedPolicies,
            mfaDevices, oidcProviders, samlProviders, instanceProfiles, analyzers);

    /** Told the account of every change to the directory. */
    private volatile Consumer<AccountId> changes = account -> { };

    /** Whom to tell that something of an account changed: one listener, the policy feed. */
    public void onChange(Consumer<AccountId> listener) {
        this.changes = listener;
    }

    /** Applies one event from the event store's tail: one at a time, oldest first. */
    public synchronized void apply(Object event) {
        projections.dispatch(event);
        if (event instanceof AccountScoped scoped && scoped.accountId() != null) {
            changes.accept(AccountId.of(scoped.accountId()));
        }
    }

    /**
     * What the directory holds, for a snapshot of the read model: each projection's views by id (an account's by its
     * id), and the indexes kept beside them.
     */
    public record State(List<AccountView> accounts, Map<String, AccessKeyView> accessKeys, Map<String, UserView> users,
                        Map<String, RoleView> roles, Map<String, GroupView> groups, Map<String, Set<String>> memberships,
                        Map<String, ManagedPolicyView> managedPolicies, Map<String, Set<String>> attachedPolicies,
                        Map<String, MfaDeviceView> mfaDevices, Map<String, OidcProviderView> oidcProviders,
                        Map<String, SamlProviderView> samlProviders, Map<String, InstanceProfileView> instanceProfiles,
                        AnalyzerViews.Saved analyzers) {
        public State {
            // a snapshot written before instance profiles were kept has none
            instanceProfiles = instanceProfiles == null ? Map.of() : instanceProfiles;
        }
    }

    /** A copy of what the directory holds; between two events, as no event is applied meanwhile. */
    public synchronized State state() {
        return new State(accounts.saved(), accessKeys.saved(), users.saved(), roles.saved(), groups.savedGroups(),
                groups.savedMemberships(), managedPolicies.savedPolicies(), managedPolicies.savedAttachments(), mfaDevices.saved(),
                oidcProviders.saved(), samlProviders.saved(), instanceProfiles.saved(), analyzers.saved());
    }

    /** Fills this directory, still empty, with what a snapshot held; no one is told, as nothing changed. */
    public synchronized void restore(State state) {
        accounts.restore(state.accounts());
        accessKeys.restore(state.accessKeys());
        users.restore(state.users());
        roles.restore(state.roles());
        groups.restore(state.groups(), state.memberships());
        managedPolicies.restore(state.managedPolicies(), state.attachedPolicies());
        mfaDevices.restore(state.mfaDevices());
        oidcProviders.restore(state.oidcProviders());
        samlProviders.restore(state.samlProviders());
        instanceProfiles.restore(state.instanceProfiles());
        analyzers.restore(state.analyzers());
    }

    /** An IAM Access Analyzer analyzer. */
    public Optional<AnalyzerViews.AnalyzerView> analyzer(AnalyzerRef analyzer) {
        return analyzers.analyzer(analyzer);
    }

    /** An account's analyzers, by name. */
    public List<AnalyzerViews.AnalyzerView> analyzersIn(AccountId account) {
        return analyzers.analyzersIn(account);
    }

    /** What the trust policies of an account's roles, live and deleted, let in from outside it, by role ARN. */
    public List<AnalyzerViews.RoleTrustView> roleTrustIn(AccountId account) {
        return analyzers.trustIn(account);
    }

    /** Every account. */
    public Set<AccountId> accountIds() {
        return accounts.accountIds();
    }

    public Optional<AccountView> account(AccountId accountId) {
        return accounts.account(accountId);
    }

    /** The account whose outbound web identity issuer has this id (enabled now or not). */
    public Optional<AccountView> accountOfOutboundIssuer(String issuerId) {
        return accounts.byOutboundIssuer(issuerId);
    }

    public Optional<UserView> user(UserRef user) {
        return users.user(user);
    }

    public Optional<ManagedPolicyView> managedPolicy(PolicyRef policy) {
        return managedPolicies.managedPolicy(policy);
    }

    /**
     * An AWS-managed policy (arn:aws:iam::aws:policy/..., path included) as an account sees it: AWS's document, the
     * account's attachment count. Empty when Mayfly does not provide it.
     */
    public Optional<ManagedPolicyView> awsManagedPolicy(AccountId account, String arn) {
        return managedPolicies.awsManagedPolicy(account, arn);
    }

    /** Every AWS-managed policy Mayfly provides, as the account sees them, by name. */
    public List<ManagedPolicyView> awsManagedPolicies(AccountId account) {
        return managedPolicies.awsManagedPolicies(account);
    }

    /** The managed policies (customer- and AWS-managed) attached to a user, role or group, by name. */
    public List<ManagedPolicyView> policiesAttachedTo(AccountId account, EntityType type, String name) {
        return managedPolicies.policiesAttachedTo(account, type, name);
    }

    /** An account's managed policies, by name. */
    public List<ManagedPolicyView> managedPoliciesIn(AccountId account) {
        return managedPolicies.managedPoliciesIn(account);
    }

    /** How many of the account's users and roles each policy bounds, by policy ARN: one pass over them all. */
    public Map<String, Long> boundaryUsage(AccountId account) {
        return Stream.concat(usersIn(account).stream().map(UserView::permissionsBoundary),
                        rolesIn(account).stream().map(RoleView::permissionsBoundary))
                .filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** How many users and roles of the account a managed policy bounds. */
    public long boundaryUsageCount(AccountId account, String policyArn) {
        return boundaryUsage(account).getOrDefault(policyArn, 0L);
    }

    /** What a managed policy is attached to: the entities' types and (case-folded) names, by type then name. */
    public List<Attachment> attachmentsOf(PolicyRef policy) {
        return managedPolicies.attachmentsOf(policy);
    }

    /** What an AWS-managed policy is attached to in one account, as {@link #attachmentsOf(PolicyRef)}. */
    public List<Attachment> attachmentsOf(AwsPolicyRef policy) {
        return managedPolicies.attachmentsOf(policy);
    }

    /** One entity a managed policy is attached to. */
    public record Attachment(EntityType type, String name) {
    }

    public Optional<MfaDeviceView> mfaDevice(MfaDeviceRef device) {
        return mfaDevices.mfaDevice(device);
    }

    /** An account's virtual MFA devices, by serial number. */
    public List<MfaDeviceView> mfaDevicesIn(AccountId account) {
        return mfaDevices.mfaDevicesIn(account);
    }

    /** The MFA devices assigned to a user. */
    public List<MfaDeviceView> mfaDevicesOf(UserRef user) {
        return mfaDevices.mfaDevicesOf(user);
    }

    public Optional<OidcProviderView> oidcProvider(OidcProviderRef provider) {
        return oidcProviders.oidcProvider(provider);
    }

    /** An account's OpenID Connect providers, by ARN. */
    public List<OidcProviderView> oidcProvidersIn(AccountId account) {
        return oidcProviders.oidcProvidersIn(account);
    }

    public Optional<SamlProviderView> samlProvider(SamlProviderRef provider) {
        return samlProviders.samlProvider(provider);
    }

    /** An account's SAML providers, by ARN. */
    public List<SamlProviderView> samlProvidersIn(AccountId account) {
        return samlProviders.samlProvidersIn(account);
    }

    public Optional<InstanceProfileView> instanceProfile(InstanceProfileRef profile) {
        return instanceProfiles.instanceProfile(profile);
    }

    /** An account's instance profiles, by name. */
    public List<InstanceProfileView> instanceProfilesIn(AccountId account) {
        return instanceProfiles.instanceProfilesIn(account);
    }

    /** The instance profiles that hold a role, by name. */
    public List<InstanceProfileView> instanceProfilesOf(RoleRef role) {
        return instanceProfiles.instanceProfilesOf(role);
    }

    public Optional<GroupView> group(GroupRef group) {
        return groups.group(group);
    }

    /** The groups a user belongs to. */
    public List<GroupView> groupsOf(UserRef user) {
        return groups.groupsOf(user);
    }

    public Optional<RoleView> role(RoleRef role) {
        return roles.role(role);
    }

    /** The unique id of the user or role that holds this ARN now (arn:aws:iam::ACCOUNT:user/... or :role/..., path included). */
    public Optional<String> userOrRoleIdOf(String arn) {
        Matcher named = USER_OR_ROLE_ARN.matcher(arn);
        if (!named.matches()) {
            return Optional.empty();
        }
        AccountId account = AccountId.of(named.group(1));
        String name = named.group(3);
        return named.group(2).equals("user")
                ? user(new UserRef(account, name)).filter(u -> u.arn().equals(arn)).map(UserView::userId)
                : role(new RoleRef(account, name)).filter(r -> r.arn().equals(arn)).map(RoleView::roleId);
    }

    /** A user's access keys, oldest first (at most two, found by a scan of every key). */
    public List<AccessKeyView> accessKeysOf(UserRef user) {
        return accessKeys.accessKeysOf(user);
    }

    /** The root user's access keys, oldest first (at most two: a scan, as {@link #accessKeysOf(UserRef)}). */
    public List<AccessKeyView> rootAccessKeysOf(AccountId account) {
        return accessKeys.rootAccessKeysOf(account);
    }

    /** An account's users, by name. */
    public List<UserView> usersIn(AccountId account) {
        return users.usersIn(account);
    }

    public List<RoleView> rolesIn(AccountId account) {
        return roles.rolesIn(account);
    }

    public List<GroupView> groupsIn(AccountId account) {
        return groups.groupsIn(account);
    }

    public Optional<AccessKeyView> accessKey(String accessKeyId) {
        return accessKeys.accessKey(accessKeyId);
    }
}
