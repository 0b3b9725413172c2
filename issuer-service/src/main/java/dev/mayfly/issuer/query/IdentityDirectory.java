package dev.mayfly.issuer.query;

import dev.mayfly.contract.AccountScoped;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyDeleted;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyStatusChanged;
import dev.mayfly.issuer.api.AccountEvents.StsRegionActivationChanged;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.GroupEvents.GroupCreated;
import dev.mayfly.issuer.api.GroupEvents.GroupDeleted;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyDeleted;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyPut;
import dev.mayfly.issuer.api.GroupEvents.UserAddedToGroup;
import dev.mayfly.issuer.api.GroupEvents.UserRemovedFromGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceDeactivated;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceEnabled;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceLocked;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceResynced;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceTagged;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceUntagged;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceCreated;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceDeleted;
import dev.mayfly.issuer.api.OidcEvents.OidcClientIdAdded;
import dev.mayfly.issuer.api.OidcEvents.OidcClientIdRemoved;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderCreated;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderDeleted;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderTagged;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderUntagged;
import dev.mayfly.issuer.api.OidcEvents.OidcThumbprintsUpdated;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyEvents.DefaultPolicyVersionSet;
import dev.mayfly.issuer.api.PolicyEvents.PolicyAttached;
import dev.mayfly.issuer.api.PolicyEvents.PolicyCreated;
import dev.mayfly.issuer.api.PolicyEvents.PolicyDeleted;
import dev.mayfly.issuer.api.PolicyEvents.PolicyDetached;
import dev.mayfly.issuer.api.PolicyEvents.PolicyTagged;
import dev.mayfly.issuer.api.PolicyEvents.PolicyUntagged;
import dev.mayfly.issuer.api.PolicyEvents.PolicyVersionCreated;
import dev.mayfly.issuer.api.PolicyEvents.PolicyVersionDeleted;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleEvents.RoleDeleted;
import dev.mayfly.issuer.api.RoleEvents.RolePermissionsBoundarySet;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyDeleted;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyPut;
import dev.mayfly.issuer.api.RoleEvents.RoleTagged;
import dev.mayfly.issuer.api.RoleEvents.RoleUntagged;
import dev.mayfly.issuer.api.RoleEvents.RoleUpdated;
import dev.mayfly.issuer.api.RoleEvents.TrustPolicyUpdated;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderCreated;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderDeleted;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderTagged;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderUntagged;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderUpdated;
import dev.mayfly.issuer.api.SamlProviderRef;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.api.UserEvents.AccessKeyCreated;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPermissionsBoundarySet;
import dev.mayfly.issuer.api.UserEvents.UserPolicyDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPolicyPut;
import dev.mayfly.issuer.api.UserEvents.UserTagged;
import dev.mayfly.issuer.api.UserEvents.UserUntagged;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import dev.mayfly.issuer.query.Views.AccountView;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.issuer.query.Views.InlinePolicy;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.MfaDeviceView;
import dev.mayfly.issuer.query.Views.OidcProviderView;
import dev.mayfly.issuer.query.Views.PolicyVersion;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.SamlProviderView;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.issuer.saml.SamlMetadata;
import dev.mayfly.policy.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the issuer needs to know per request, in memory. Events come from the event store's tail, which reads
 * only what committed, from every issuer on the database, so the directory never shows a change that was rolled back.
 */
public final class IdentityDirectory {

    private static final Pattern USER_OR_ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):(user|role)/(?:[^/]+/)*([^/]+)");

    private final Map<AccountId, AccountView> accounts = new ConcurrentHashMap<>();
    private final Map<String, UserView> users = new ConcurrentHashMap<>();
    private final Map<String, RoleView> roles = new ConcurrentHashMap<>();
    private final Map<String, AccessKeyView> accessKeys = new ConcurrentHashMap<>();
    private final Map<String, GroupView> groups = new ConcurrentHashMap<>();
    private final Map<String, ManagedPolicyView> managedPolicies = new ConcurrentHashMap<>();
    private final Map<String, MfaDeviceView> mfaDevices = new ConcurrentHashMap<>();
    private final Map<String, OidcProviderView> oidcProviders = new ConcurrentHashMap<>();
    private final Map<String, SamlProviderView> samlProviders = new ConcurrentHashMap<>();
    /** entity (type:aggregate id) -> the managed policies (aggregate ids) attached to it. */
    private final Map<String, Set<String>> attached = new ConcurrentHashMap<>();
    /** user (aggregate id) -> the groups (aggregate ids) it belongs to. */
    private final Map<String, Set<String>> memberships = new ConcurrentHashMap<>();

    /** Told the account of every change to the directory. */
    private volatile java.util.function.Consumer<AccountId> changes = account -> { };

    /** Whom to tell that something of an account changed: one listener, the policy feed. */
    public void onChange(java.util.function.Consumer<AccountId> listener) {
        this.changes = listener;
    }

    /** Applies one event from the event store's tail: one at a time, oldest first. */
    public synchronized void apply(Object event) {
        applyToViews(event);
        if (event instanceof AccountScoped scoped && scoped.accountId() != null) {
            changes.accept(AccountId.of(scoped.accountId()));
        }
    }

    private void applyToViews(Object event) {
        switch (event) {
            case AccountCreated e -> {
                accounts.put(e.account(), new AccountView(e.account(), e.name(), e.createdAt(), Set.of()));
                accessKeys.put(e.rootAccessKeyId(), new AccessKeyView(e.rootAccessKeyId(), e.account(), null, true, e.createdAt()));
            }
            case StsRegionActivationChanged e -> accounts.computeIfPresent(e.account(), (k, a) -> {
                Set<String> inactive = new java.util.HashSet<>(a.inactiveStsRegions());
                if (e.active()) {
                    inactive.remove(e.region());
                } else {
                    inactive.add(e.region());
                }
                return a.withInactiveStsRegions(Set.copyOf(inactive));
            });
            case UserCreated e -> users.put(e.user().toString(), new UserView(e.user().account(), e.user().userName(),
                    e.userId(), e.path(), e.arn(), e.createdAt(), Map.of(), null, Map.of()));
            case UserPermissionsBoundarySet e -> users.computeIfPresent(e.user().toString(), (k, u) -> u.with(u.policies(), e.policyArn()));
            case AccessKeyCreated e -> accessKeys.put(e.accessKeyId(),
                    new AccessKeyView(e.accessKeyId(), e.user().account(), e.user().userName(), true, e.createdAt()));
            case AccessKeyStatusChanged e -> accessKeys.computeIfPresent(e.accessKeyId(), (id, k) ->
                    new AccessKeyView(id, k.accountId(), k.userName(), e.active(), k.createdAt()));
            case AccessKeyDeleted e -> accessKeys.remove(e.accessKeyId());
            case RootAccessKeyCreated e -> accessKeys.put(e.accessKeyId(), new AccessKeyView(e.accessKeyId(), e.account(), null, true, e.createdAt()));
            case RootAccessKeyStatusChanged e -> accessKeys.computeIfPresent(e.accessKeyId(), (id, k) ->
                    new AccessKeyView(id, k.accountId(), null, e.active(), k.createdAt()));
            case RootAccessKeyDeleted e -> accessKeys.remove(e.accessKeyId());
            case UserPolicyPut e -> users.computeIfPresent(e.user().toString(), (k, u) ->
                    u.with(with(u.policies(), e.policyName(), e.policyDocument()), u.permissionsBoundary()));
            case RoleCreated e -> roles.put(e.role().toString(), new RoleView(e.role().account(), e.role().roleName(),
                    e.roleId(), e.path(), e.arn(), e.trustPolicy(), e.trustPrincipalIds(),
                    RoleView.decidingTrustPolicy(e.trustPolicy(), e.trustPrincipalIds()), e.description(),
                    e.maxSessionDuration(), e.createdAt(), Map.of(), null, Map.of()));
            case RolePermissionsBoundarySet e -> roles.computeIfPresent(e.role().toString(), (k, r) ->
                    r.with(r.policies(), e.policyArn()));
            case TrustPolicyUpdated e -> roles.computeIfPresent(e.role().toString(), (k, r) ->
                    r.withTrustPolicy(e.trustPolicy(), e.trustPrincipalIds()));
            case RolePolicyPut e -> roles.computeIfPresent(e.role().toString(), (k, r) ->
                    r.with(with(r.policies(), e.policyName(), e.policyDocument()), r.permissionsBoundary()));
            case GroupCreated e -> groups.put(e.group().toString(), new GroupView(e.group().account(), e.group().groupName(),
                    e.groupId(), e.path(), e.arn(), e.createdAt(), Set.of(), Map.of()));
            case UserAddedToGroup e -> {
                groups.computeIfPresent(e.group().toString(), (k, g) -> withMembers(g, plus(g.members(), e.userName())));
                memberships.computeIfAbsent(userKey(e.group(), e.userName()), k -> ConcurrentHashMap.newKeySet()).add(e.group().toString());
            }
            case UserRemovedFromGroup e -> {
                groups.computeIfPresent(e.group().toString(), (k, g) -> withMembers(g, minus(g.members(), e.userName())));
                memberships.getOrDefault(userKey(e.group(), e.userName()), Set.of()).remove(e.group().toString());
            }
            case PolicyCreated e -> managedPolicies.put(e.policy().toString(), new ManagedPolicyView(e.policy().account(),
                    e.policy().policyName(), e.policyId(), e.path(), e.arn(), e.description(), e.createdAt(), e.createdAt(),
                    Map.of("v1", new PolicyVersion("v1", e.document(), PolicyDocument.parse(e.document()), e.createdAt())), "v1", 0, Map.of()));
            case PolicyVersionCreated e -> managedPolicies.computeIfPresent(e.policy().toString(), (k, p) -> {
                Map<String, PolicyVersion> versions = new LinkedHashMap<>(p.versions());
                versions.put(e.versionId(), new PolicyVersion(e.versionId(), e.document(), PolicyDocument.parse(e.document()), e.createdAt()));
                return p.withVersions(Map.copyOf(versions), e.isDefault() ? e.versionId() : p.defaultVersionId(), e.createdAt());
            });
            case PolicyAttached e -> {
                attached.computeIfAbsent(entityKey(e.policy().account(), e.entityType(), e.entityName()), k -> ConcurrentHashMap.newKeySet())
                        .add(e.policy().toString());
                managedPolicies.computeIfPresent(e.policy().toString(), (k, p) -> p.withAttachmentCount(p.attachmentCount() + 1));
            }
            case PolicyDetached e -> {
                attached.getOrDefault(entityKey(e.policy().account(), e.entityType(), e.entityName()), Set.of()).remove(e.policy().toString());
                managedPolicies.computeIfPresent(e.policy().toString(), (k, p) -> p.withAttachmentCount(p.attachmentCount() - 1));
            }
            case UserPolicyDeleted e -> users.computeIfPresent(e.user().toString(), (k, u) ->
                    u.with(without(u.policies(), e.policyName()), u.permissionsBoundary()));
            case UserTagged e -> users.computeIfPresent(e.user().toString(), (k, u) -> u.withTags(Tagging.merged(u.tags(), e.tags())));
            case UserUntagged e -> users.computeIfPresent(e.user().toString(), (k, u) -> u.withTags(Tagging.without(u.tags(), e.tagKeys())));
            case RoleTagged e -> roles.computeIfPresent(e.role().toString(), (k, r) -> r.withTags(Tagging.merged(r.tags(), e.tags())));
            case RoleUntagged e -> roles.computeIfPresent(e.role().toString(), (k, r) -> r.withTags(Tagging.without(r.tags(), e.tagKeys())));
            case VirtualMfaDeviceCreated e -> mfaDevices.put(e.device().toString(), new MfaDeviceView(e.device().account(),
                    e.device().deviceName(), e.serialNumber(), e.path(), e.createdAt(), null, null, 0, Map.of(), null));
            case MfaDeviceTagged e -> mfaDevices.computeIfPresent(e.device().toString(), (k, d) -> d.withTags(Tagging.merged(d.tags(), e.tags())));
            case MfaDeviceUntagged e -> mfaDevices.computeIfPresent(e.device().toString(), (k, d) ->
                    d.withTags(Tagging.without(d.tags(), e.tagKeys())));
            case MfaDeviceEnabled e -> mfaDevices.computeIfPresent(e.device().toString(), (k, d) -> d.assigned(e.userName(), e.enabledAt(), e.driftSteps()));
            case MfaDeviceResynced e -> mfaDevices.computeIfPresent(e.device().toString(), (k, d) -> d.assigned(d.userName(), d.enabledAt(), e.driftSteps()));
            case MfaDeviceDeactivated e -> mfaDevices.computeIfPresent(e.device().toString(), (k, d) -> d.assigned(null, null, 0));
            case MfaDeviceLocked e -> mfaDevices.computeIfPresent(e.device().toString(), (k, d) -> d.lockedUntil(e.lockedUntil()));
            case VirtualMfaDeviceDeleted e -> mfaDevices.remove(e.device().toString());
            case OidcProviderCreated e -> oidcProviders.put(e.provider().toString(), new OidcProviderView(e.provider().account(),
                    e.provider().arn(), e.url(), List.copyOf(e.clientIds()), List.copyOf(e.thumbprints()), e.createdAt(), Map.of()));
            case OidcClientIdAdded e -> oidcProviders.computeIfPresent(e.provider().toString(), (k, p) ->
                    p.with(plusOne(p.clientIds(), e.clientId()), p.thumbprints()));
            case OidcClientIdRemoved e -> oidcProviders.computeIfPresent(e.provider().toString(), (k, p) ->
                    p.with(p.clientIds().stream().filter(id -> !id.equals(e.clientId())).toList(), p.thumbprints()));
            case OidcThumbprintsUpdated e -> oidcProviders.computeIfPresent(e.provider().toString(), (k, p) ->
                    p.with(p.clientIds(), List.copyOf(e.thumbprints())));
            case OidcProviderTagged e -> oidcProviders.computeIfPresent(e.provider().toString(), (k, p) ->
                    p.withTags(Tagging.merged(p.tags(), e.tags())));
            case OidcProviderUntagged e -> oidcProviders.computeIfPresent(e.provider().toString(), (k, p) ->
                    p.withTags(Tagging.without(p.tags(), e.tagKeys())));
            case OidcProviderDeleted e -> oidcProviders.remove(e.provider().toString());
            case SamlProviderCreated e -> samlProviders.put(e.provider().toString(), new SamlProviderView(e.provider().account(),
                    e.provider().name(), e.provider().arn(), e.metadataDocument(), SamlMetadata.parse(e.metadataDocument()), e.createdAt(), Map.of()));
            case SamlProviderUpdated e -> samlProviders.computeIfPresent(e.provider().toString(), (k, p) ->
                    p.withMetadata(e.metadataDocument(), SamlMetadata.parse(e.metadataDocument())));
            case SamlProviderTagged e -> samlProviders.computeIfPresent(e.provider().toString(), (k, p) ->
                    p.withTags(Tagging.merged(p.tags(), e.tags())));
            case SamlProviderUntagged e -> samlProviders.computeIfPresent(e.provider().toString(), (k, p) ->
                    p.withTags(Tagging.without(p.tags(), e.tagKeys())));
            case SamlProviderDeleted e -> samlProviders.remove(e.provider().toString());
            case UserDeleted e -> {
                users.remove(e.user().toString());
                memberships.remove(e.user().toString());
            }
            case RoleUpdated e -> roles.computeIfPresent(e.role().toString(), (k, r) -> r.updated(e.description(), e.maxSessionDuration()));
            case RolePolicyDeleted e -> roles.computeIfPresent(e.role().toString(), (k, r) ->
                    r.with(without(r.policies(), e.policyName()), r.permissionsBoundary()));
            case RoleDeleted e -> roles.remove(e.role().toString());
            case GroupPolicyDeleted e -> groups.computeIfPresent(e.group().toString(), (k, g) -> g.withPolicies(without(g.policies(), e.policyName())));
            case GroupDeleted e -> groups.remove(e.group().toString());
            case DefaultPolicyVersionSet e -> managedPolicies.computeIfPresent(e.policy().toString(), (k, p) ->
                    p.withVersions(p.versions(), e.versionId(), p.updatedAt()));
            case PolicyVersionDeleted e -> managedPolicies.computeIfPresent(e.policy().toString(), (k, p) -> {
                Map<String, PolicyVersion> versions = new LinkedHashMap<>(p.versions());
                versions.remove(e.versionId());
                return p.withVersions(Map.copyOf(versions), p.defaultVersionId(), p.updatedAt());
            });
            case PolicyTagged e -> managedPolicies.computeIfPresent(e.policy().toString(), (k, p) -> p.withTags(Tagging.merged(p.tags(), e.tags())));
            case PolicyUntagged e -> managedPolicies.computeIfPresent(e.policy().toString(), (k, p) ->
                    p.withTags(Tagging.without(p.tags(), e.tagKeys())));
            case PolicyDeleted e -> managedPolicies.remove(e.policy().toString());
            case GroupPolicyPut e -> groups.computeIfPresent(e.group().toString(), (k, g) ->
                    g.withPolicies(with(g.policies(), e.policyName(), e.policyDocument())));
            default -> {
                // events of other concerns are not part of the directory
            }
        }
    }

    private static String entityKey(AccountId account, EntityType type, String name) {
        return type + ":" + account.value() + ":" + name.toLowerCase(java.util.Locale.ROOT);
    }

    private static String userKey(GroupRef group, String userName) {
        return new UserRef(group.account(), userName).toString();
    }

    private static GroupView withMembers(GroupView g, Set<String> members) {
        return new GroupView(g.accountId(), g.groupName(), g.groupId(), g.path(), g.arn(), g.createdAt(), members, g.policies());
    }

    private static Set<String> plus(Set<String> members, String userName) {
        Set<String> updated = new java.util.LinkedHashSet<>(members);
        updated.add(userName.toLowerCase(java.util.Locale.ROOT));
        return Set.copyOf(updated);
    }

    private static Set<String> minus(Set<String> members, String userName) {
        Set<String> updated = new java.util.LinkedHashSet<>(members);
        updated.remove(userName.toLowerCase(java.util.Locale.ROOT));
        return Set.copyOf(updated);
    }

    private static Map<String, InlinePolicy> with(Map<String, InlinePolicy> policies, String name, String document) {
        Map<String, InlinePolicy> updated = new LinkedHashMap<>(policies);
        updated.put(name, new InlinePolicy(name, document, PolicyDocument.parse(document)));
        return Map.copyOf(updated);
    }

    private static List<String> plusOne(List<String> values, String value) {
        List<String> updated = new java.util.ArrayList<>(values);
        updated.add(value);
        return List.copyOf(updated);
    }

    private static Map<String, InlinePolicy> without(Map<String, InlinePolicy> policies, String name) {
        Map<String, InlinePolicy> updated = new LinkedHashMap<>(policies);
        updated.remove(name);
        return Map.copyOf(updated);
    }

    /** Every account. */
    public Set<AccountId> accountIds() {
        return Set.copyOf(accounts.keySet());
    }

    public Optional<AccountView> account(AccountId accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    public Optional<UserView> user(UserRef user) {
        return Optional.ofNullable(users.get(user.toString()));
    }

    public Optional<ManagedPolicyView> managedPolicy(PolicyRef policy) {
        return Optional.ofNullable(managedPolicies.get(policy.toString()));
    }

    /** The managed policies attached to a user, role or group, by name. */
    public List<ManagedPolicyView> policiesAttachedTo(AccountId account, EntityType type, String name) {
        return attached.getOrDefault(entityKey(account, type, name), Set.of()).stream().map(managedPolicies::get)
                .filter(java.util.Objects::nonNull).sorted(java.util.Comparator.comparing(ManagedPolicyView::policyName)).toList();
    }

    /** An account's managed policies, by name. */
    public List<ManagedPolicyView> managedPoliciesIn(AccountId account) {
        return managedPolicies.values().stream().filter(p -> p.accountId().equals(account))
                .sorted(java.util.Comparator.comparing(p -> p.policyName().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /** How many users and roles of the account a managed policy bounds. */
    public long boundaryUsageCount(AccountId account, String policyArn) {
        return usersIn(account).stream().filter(u -> policyArn.equals(u.permissionsBoundary())).count()
                + rolesIn(account).stream().filter(r -> policyArn.equals(r.permissionsBoundary())).count();
    }

    /** What a managed policy is attached to: the entities' types and (case-folded) names, by type then name. */
    public List<Attachment> attachmentsOf(PolicyRef policy) {
        String prefix = ":" + policy.account().value() + ":";
        return attached.entrySet().stream().filter(e -> e.getValue().contains(policy.toString()))
                .map(e -> {
                    int at = e.getKey().indexOf(prefix);
                    return new Attachment(EntityType.valueOf(e.getKey().substring(0, at)), e.getKey().substring(at + prefix.length()));
                })
                .sorted(java.util.Comparator.comparing(Attachment::type).thenComparing(Attachment::name)).toList();
    }

    /** One entity a managed policy is attached to. */
    public record Attachment(EntityType type, String name) {
    }

    public Optional<MfaDeviceView> mfaDevice(MfaDeviceRef device) {
        return Optional.ofNullable(mfaDevices.get(device.toString()));
    }

    /** An account's virtual MFA devices, by serial number. */
    public List<MfaDeviceView> mfaDevicesIn(AccountId account) {
        return mfaDevices.values().stream().filter(d -> d.accountId().equals(account))
                .sorted(java.util.Comparator.comparing(MfaDeviceView::serialNumber)).toList();
    }

    /** The MFA devices assigned to a user. */
    public List<MfaDeviceView> mfaDevicesOf(UserRef user) {
        return mfaDevicesIn(user.account()).stream().filter(d -> d.userName() != null && d.userName().equalsIgnoreCase(user.userName()))
                .toList();
    }

    public Optional<OidcProviderView> oidcProvider(OidcProviderRef provider) {
        return Optional.ofNullable(oidcProviders.get(provider.toString()));
    }

    /** An account's OpenID Connect providers, by ARN. */
    public List<OidcProviderView> oidcProvidersIn(AccountId account) {
        return oidcProviders.values().stream().filter(p -> p.accountId().equals(account))
                .sorted(java.util.Comparator.comparing(OidcProviderView::arn)).toList();
    }

    public Optional<SamlProviderView> samlProvider(SamlProviderRef provider) {
        return Optional.ofNullable(samlProviders.get(provider.toString()));
    }

    /** An account's SAML providers, by ARN. */
    public List<SamlProviderView> samlProvidersIn(AccountId account) {
        return samlProviders.values().stream().filter(p -> p.accountId().equals(account))
                .sorted(java.util.Comparator.comparing(SamlProviderView::arn)).toList();
    }

    public Optional<GroupView> group(GroupRef group) {
        return Optional.ofNullable(groups.get(group.toString()));
    }

    /** The groups a user belongs to. */
    public List<GroupView> groupsOf(UserRef user) {
        return memberships.getOrDefault(user.toString(), Set.of()).stream().map(groups::get)
                .filter(java.util.Objects::nonNull).sorted(java.util.Comparator.comparing(GroupView::groupName)).toList();
    }

    public Optional<RoleView> role(RoleRef role) {
        return Optional.ofNullable(roles.get(role.toString()));
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

    /**
     * A user's access keys, oldest first. A user has at most two, but this scans every key: an index per user
     * is owed once accounts hold many keys.
     */
    public List<AccessKeyView> accessKeysOf(UserRef user) {
        return accessKeys.values().stream()
                .filter(k -> k.accountId().equals(user.account()) && k.userName() != null && k.userName().equalsIgnoreCase(user.userName()))
                .sorted(java.util.Comparator.comparing(AccessKeyView::createdAt)).toList();
    }

    /** The root user's access keys, oldest first (at most two: a scan, as {@link #accessKeysOf(UserRef)}). */
    public List<AccessKeyView> rootAccessKeysOf(AccountId account) {
        return accessKeys.values().stream().filter(k -> k.accountId().equals(account) && k.isRoot())
                .sorted(java.util.Comparator.comparing(AccessKeyView::createdAt)).toList();
    }

    /** An account's users, by name; a scan of every user (an index per account is owed for large installations). */
    public List<UserView> usersIn(AccountId account) {
        return users.values().stream().filter(u -> u.accountId().equals(account))
                .sorted(java.util.Comparator.comparing(u -> u.userName().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    public List<RoleView> rolesIn(AccountId account) {
        return roles.values().stream().filter(r -> r.accountId().equals(account))
                .sorted(java.util.Comparator.comparing(r -> r.roleName().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    public List<GroupView> groupsIn(AccountId account) {
        return groups.values().stream().filter(g -> g.accountId().equals(account))
                .sorted(java.util.Comparator.comparing(g -> g.groupName().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    public Optional<AccessKeyView> accessKey(String accessKeyId) {
        return Optional.ofNullable(accessKeys.get(accessKeyId));
    }
}
