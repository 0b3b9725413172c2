package dev.mayfly.issuer.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.mayfly.awspolicies.AwsManagedPolicies;
import dev.mayfly.awspolicies.AwsManagedPolicy;
import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.WorkloadOidcIdentity;
import dev.mayfly.issuer.api.WorkloadRef;
import dev.mayfly.policy.PolicyDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Immutable snapshots of what the directory knows; a change replaces a view, never edits it. A view is also saved as
 * JSON with the whole read model ({@link ReadModelCheckpoint}): what it derives from text it holds (parsed policies,
 * SAML metadata) is left out, and derived again when it is read back, from that text, as when it was first made.
 */
public final class Views {

    private Views() {
    }

    /**
     * An account; its root's access keys are among the access keys ({@link AccessKeyView#isRoot()}).
     *
     * @param inactiveStsRegions the regions where STS issues this account no credentials
     * @param alias              the account's alias, or null
     * @param outboundFederation its outbound web identity federation, or null until first enabled
     */
    public record AccountView(AccountId accountId, String name, Instant createdAt,
                              java.util.Set<String> inactiveStsRegions, String alias, OutboundFederation outboundFederation) {
        AccountView withInactiveStsRegions(java.util.Set<String> regions) {
            return new AccountView(accountId, name, createdAt, regions, alias, outboundFederation);
        }

        AccountView withAlias(String newAlias) {
            return new AccountView(accountId, name, createdAt, inactiveStsRegions, newAlias, outboundFederation);
        }

        AccountView withOutboundFederation(OutboundFederation federation) {
            return new AccountView(accountId, name, createdAt, inactiveStsRegions, alias, federation);
        }
    }

    /**
     * An account's outbound web identity federation: the id in its issuer URL, and whether its principals may ask for
     * tokens now (the issuer's keys stay published once disabled, for the tokens already issued).
     */
    public record OutboundFederation(String issuerId, boolean enabled) {
    }

    /** A named inline policy: its text as written and its parsed form (parsed from the text when not given). */
    public record InlinePolicy(String name, String document, @JsonIgnore PolicyDocument parsed) {
        public InlinePolicy {
            parsed = parsed != null ? parsed : PolicyDocument.parse(document);
        }
    }

    /** @param permissionsBoundary the ARN of the managed policy that bounds the user's permissions, or null */
    public record UserView(AccountId accountId, String userName, String userId, String path, String arn, Instant createdAt,
                           Map<String, InlinePolicy> policies, String permissionsBoundary, Map<String, String> tags) {
        UserView with(Map<String, InlinePolicy> newPolicies, String newBoundary) {
            return new UserView(accountId, userName, userId, path, arn, createdAt, newPolicies, newBoundary, tags);
        }

        UserView withTags(Map<String, String> newTags) {
            return new UserView(accountId, userName, userId, path, arn, createdAt, policies, permissionsBoundary, newTags);
        }

        UserView renamed(String newName, String newPath, String newArn) {
            return new UserView(accountId, newName, userId, newPath, newArn, createdAt, policies, permissionsBoundary, tags);
        }

        /** The user after UpdateUser moved it: what an action answers before its change is in the directory. */
        public UserView withPath(String newPath, String newArn) {
            return new UserView(accountId, userName, userId, newPath, newArn, createdAt, policies, permissionsBoundary, tags);
        }
    }

    /** A group; member names are kept as IAM compares them, without regard to case. */
    public record GroupView(AccountId accountId, String groupName, String groupId, String path, String arn, Instant createdAt,
                            java.util.Set<String> members, Map<String, InlinePolicy> policies) {
        GroupView withPolicies(Map<String, InlinePolicy> newPolicies) {
            return new GroupView(accountId, groupName, groupId, path, arn, createdAt, members, newPolicies);
        }

        GroupView withPath(String newPath, String newArn) {
            return new GroupView(accountId, groupName, groupId, newPath, newArn, createdAt, members, policies);
        }
    }

    /**
     * @param trustPolicy         the trust policy as it was given
     * @param trustPrincipalIds   the unique ids its user and role ARNs were bound to when it was stored
     * @param parsedTrustPolicy   the trust policy as it decides: bound ARNs name their unique ids (derived from the two
     *                            above when not given)
     * @param permissionsBoundary the ARN of the managed policy that bounds the role's permissions, or null
     */
    public record RoleView(AccountId accountId, String roleName, String roleId, String path, String arn, String trustPolicy,
                           Map<String, String> trustPrincipalIds, @JsonIgnore PolicyDocument parsedTrustPolicy, String description,
                           int maxSessionDuration, Instant createdAt, Map<String, InlinePolicy> policies, String permissionsBoundary,
                           Map<String, String> tags) {

        public RoleView {
            parsedTrustPolicy = parsedTrustPolicy != null ? parsedTrustPolicy : decidingTrustPolicy(trustPolicy, trustPrincipalIds);
        }

        /** The role as an audit record names it among the resources of a call. */
        public Resource resource() {
            return new Resource(arn, accountId.value(), "AWS::IAM::Role");
        }

        /** The trust policy as it decides: each user and role ARN it names stands for the unique id it was bound to. */
        static PolicyDocument decidingTrustPolicy(String trustPolicy, Map<String, String> principalIds) {
            return PolicyDocument.parse(trustPolicy).withPrincipalIds(principalIds);
        }

        RoleView withTrustPolicy(String newTrustPolicy, Map<String, String> newPrincipalIds) {
            return new RoleView(accountId, roleName, roleId, path, arn, newTrustPolicy, newPrincipalIds,
                    decidingTrustPolicy(newTrustPolicy, newPrincipalIds), description, maxSessionDuration, createdAt, policies,
                    permissionsBoundary, tags);
        }

        RoleView with(Map<String, InlinePolicy> newPolicies, String newBoundary) {
            return new RoleView(accountId, roleName, roleId, path, arn, trustPolicy, trustPrincipalIds, parsedTrustPolicy, description,
                    maxSessionDuration, createdAt, newPolicies, newBoundary, tags);
        }

        /** The role after an UpdateRole: what an action answers before its change is committed and in the directory. */
        public RoleView updated(String newDescription, int newMaxSessionDuration) {
            return new RoleView(accountId, roleName, roleId, path, arn, trustPolicy, trustPrincipalIds, parsedTrustPolicy, newDescription,
                    newMaxSessionDuration, createdAt, policies, permissionsBoundary, tags);
        }

        RoleView withTags(Map<String, String> newTags) {
            return new RoleView(accountId, roleName, roleId, path, arn, trustPolicy, trustPrincipalIds, parsedTrustPolicy, description,
                    maxSessionDuration, createdAt, policies, permissionsBoundary, newTags);
        }

        /** This role with its trust policy as IAM shows it. */
        public RoleView shownWithTrustPolicy(String shown) {
            return new RoleView(accountId, roleName, roleId, path, arn, shown, trustPrincipalIds, parsedTrustPolicy, description,
                    maxSessionDuration, createdAt, policies, permissionsBoundary, tags);
        }
    }

    /**
     * An instance profile.
     *
     * @param roleName the role it holds (IAM allows one), or null
     */
    public record InstanceProfileView(AccountId accountId, String instanceProfileName, String instanceProfileId, String path,
                                      String arn, Instant createdAt, String roleName, Map<String, String> tags) {

        /** The instance profile as an audit record names it among the resources of a call. */
        public Resource resource() {
            return new Resource(arn, accountId.value(), "AWS::IAM::InstanceProfile");
        }

        InstanceProfileView withRole(String newRoleName) {
            return new InstanceProfileView(accountId, instanceProfileName, instanceProfileId, path, arn, createdAt, newRoleName, tags);
        }

        InstanceProfileView withTags(Map<String, String> newTags) {
            return new InstanceProfileView(accountId, instanceProfileName, instanceProfileId, path, arn, createdAt, roleName, newTags);
        }
    }

    /** One version of a managed policy (parsed from its text when not given). */
    public record PolicyVersion(String versionId, String document, @JsonIgnore PolicyDocument parsed, Instant createdAt) {
        public PolicyVersion {
            parsed = parsed != null ? parsed : PolicyDocument.parse(document);
        }
    }

    /**
     * A managed policy as an account sees it: its versions, which one is the default, how many of the account's entities
     * it is attached to, its tags. A customer-managed policy is the account's own; an AWS-managed one
     * ({@link #ofAwsManaged}) is AWS's, shown with this account's attachments only.
     */
    public record ManagedPolicyView(AccountId accountId, String policyName, String policyId, String path, String arn,
                                    String description, Instant createdAt, Instant updatedAt, Map<String, PolicyVersion> versions,
                                    String defaultVersionId, int attachmentCount, Map<String, String> tags) {

        /** An AWS-managed policy as one account sees it: AWS's document and dates, the account's attachment count. */
        public static ManagedPolicyView ofAwsManaged(AwsManagedPolicy policy, AccountId account, int attachmentCount) {
            String version = policy.defaultVersionId();
            return new ManagedPolicyView(account, policy.policyName(), policy.policyId(), policy.path(), policy.arn(),
                    policy.description(), policy.createDate(), policy.updateDate(),
                    Map.of(version, new PolicyVersion(version, policy.document(), policy.parsed(), policy.versionCreateDate())),
                    version, attachmentCount, Map.of());
        }

        /** Whether the policy is AWS's (arn:aws:iam::aws:policy/...), which no account may change. */
        @JsonIgnore
        public boolean isAwsManaged() {
            return AwsManagedPolicies.isAwsManaged(arn);
        }

        public PolicyVersion defaultVersion() {
            return versions.get(defaultVersionId);
        }

        ManagedPolicyView withVersions(Map<String, PolicyVersion> newVersions, String newDefault, Instant newUpdatedAt) {
            return new ManagedPolicyView(accountId, policyName, policyId, path, arn, description, createdAt, newUpdatedAt, newVersions,
                    newDefault, attachmentCount, tags);
        }

        ManagedPolicyView withAttachmentCount(int newAttachmentCount) {
            return new ManagedPolicyView(accountId, policyName, policyId, path, arn, description, createdAt, updatedAt, versions,
                    defaultVersionId, newAttachmentCount, tags);
        }

        ManagedPolicyView withTags(Map<String, String> newTags) {
            return new ManagedPolicyView(accountId, policyName, policyId, path, arn, description, createdAt, updatedAt, versions,
                    defaultVersionId, attachmentCount, newTags);
        }
    }

    /**
     * A virtual MFA device.
     *
     * @param userName    the user it is assigned to, or null
     * @param driftSteps  how many 30-second steps the device's clock runs ahead of the issuer's (negative: behind)
     * @param lockedUntil until when it refuses every code after too many wrong ones, or null when it never was locked
     */
    public record MfaDeviceView(AccountId accountId, String deviceName, String serialNumber, String path, Instant createdAt,
                                String userName, Instant enabledAt, long driftSteps, Map<String, String> tags, Instant lockedUntil) {
        public MfaDeviceRef ref() {
            return new MfaDeviceRef(accountId, deviceName);
        }

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }

        MfaDeviceView assigned(String user, Instant at, long drift) {
            return new MfaDeviceView(accountId, deviceName, serialNumber, path, createdAt, user, at, drift, tags, lockedUntil);
        }

        MfaDeviceView withTags(Map<String, String> newTags) {
            return new MfaDeviceView(accountId, deviceName, serialNumber, path, createdAt, userName, enabledAt, driftSteps, newTags, lockedUntil);
        }

        MfaDeviceView lockedUntil(Instant until) {
            return new MfaDeviceView(accountId, deviceName, serialNumber, path, createdAt, userName, enabledAt, driftSteps, tags, until);
        }
    }

    /**
     * An OpenID Connect identity provider.
     *
     * @param url the issuer URL as registered (https://...)
     */
    public record OidcProviderView(AccountId accountId, String arn, String url, java.util.List<String> clientIds,
                                   java.util.List<String> thumbprints, Instant createdAt, Map<String, String> tags) {
        OidcProviderView with(java.util.List<String> newClientIds, java.util.List<String> newThumbprints) {
            return new OidcProviderView(accountId, arn, url, newClientIds, newThumbprints, createdAt, tags);
        }

        OidcProviderView withTags(Map<String, String> newTags) {
            return new OidcProviderView(accountId, arn, url, clientIds, thumbprints, createdAt, newTags);
        }
    }

    /** A SAML identity provider: its metadata as registered, what it says (parsed when not given), and its tags. */
    public record SamlProviderView(AccountId accountId, String name, String arn, String metadataDocument,
                                   @JsonIgnore dev.mayfly.issuer.saml.SamlMetadata metadata, Instant createdAt, Map<String, String> tags) {
        public SamlProviderView {
            metadata = metadata != null ? metadata : dev.mayfly.issuer.saml.SamlMetadata.parse(metadataDocument);
        }
        SamlProviderView withMetadata(String newDocument, dev.mayfly.issuer.saml.SamlMetadata newMetadata) {
            return new SamlProviderView(accountId, name, arn, newDocument, newMetadata, createdAt, tags);
        }

        SamlProviderView withTags(Map<String, String> newTags) {
            return new SamlProviderView(accountId, name, arn, metadataDocument, metadata, createdAt, newTags);
        }
    }

    /** When a long-term access key last signed a request to this issuer, to which service and region. */
    public record AccessKeyUse(Instant at, String serviceName, String region) {
    }

    /** A long-term access key; userName is null for an account's root key. */
    public record AccessKeyView(String accessKeyId, AccountId accountId, String userName, boolean active, Instant createdAt) {
        @JsonIgnore
        public boolean isRoot() {
            return userName == null;
        }
    }

    /**
     * A workload. Its token is known only by hash; the hashes of tokens it had before (rotated away or revoked) are kept,
     * the last few, so that a caller presenting one hears that it was withdrawn rather than that it is unknown.
     *
     * @param tokenHash          the SHA-256 (hex) of the current bootstrap token; null after a revocation
     * @param retiredTokenHashes hashes of earlier tokens, newest last
     * @param tokenIssuedAt      when the current token was issued (or the last one revoked)
     * @param oidcIdentity       the service account whose tokens prove the workload instead of a bootstrap token; null for none
     */
    public record WorkloadView(WorkloadRef ref, String workloadId, String arn, String roleArn, String sessionName, int durationSeconds,
                               List<String> allowedSourceCidrs, String tokenHash, List<String> retiredTokenHashes, Instant registeredAt,
                               Instant tokenIssuedAt, WorkloadOidcIdentity oidcIdentity) {

        static final int RETIRED_TOKENS_KEPT = 16;

        /** This workload with a new token (null: none), the current one retired. */
        public WorkloadView withToken(String newTokenHash, Instant at) {
            List<String> retired = new ArrayList<>(retiredTokenHashes);
            if (tokenHash != null) {
                retired.add(tokenHash);
            }
            List<String> kept = List.copyOf(retired.subList(Math.max(0, retired.size() - RETIRED_TOKENS_KEPT), retired.size()));
            return new WorkloadView(ref, workloadId, arn, roleArn, sessionName, durationSeconds, allowedSourceCidrs, newTokenHash, kept,
                    registeredAt, at, oidcIdentity);
        }
    }
}
