package dev.mayfly.issuer.query;

import dev.mayfly.awspolicies.AwsManagedPolicies;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.AwsPolicyRef;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyEvents.AwsPolicyAttached;
import dev.mayfly.issuer.api.PolicyEvents.AwsPolicyDetached;
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
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.query.IdentityDirectory.Attachment;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.PolicyVersion;
import dev.mayfly.policy.PolicyDocument;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The customer-managed policies with their versions and tags, and what each is attached to: an attachment is kept
 * twice, as the entity's policies and as the policy's attachment count, and both change with the same event. The
 * AWS-managed policies attached to an entity are among its policies too (by their {@link AwsPolicyRef} identifiers);
 * their documents are the build's ({@link AwsManagedPolicies}), and their attachment counts, an account's own, are
 * counted from the entities' policies when asked for.
 */
final class ManagedPoliciesProjection implements Projection {

    private final ViewMap<ManagedPolicyView> managedPolicies = new ViewMap<>(ManagedPolicyView::accountId);
    private final AwsManagedPolicies awsManaged = AwsManagedPolicies.catalog();
    /** entity (type:account:case-folded name) -> the managed policies (aggregate ids) attached to it. */
    private final Map<String, Set<String>> attached = new ConcurrentHashMap<>();
    /**
     * An AWS-managed policy's attachments in one account (its {@link AwsPolicyRef} identifier) -> how many: kept beside
     * {@link #attached}, whose entries it counts, so that no request scans every entity for one; a snapshot of the
     * directory holds {@link #attached} alone and the counts are counted again on restore.
     */
    private final Map<String, Integer> awsAttachmentCounts = new ConcurrentHashMap<>();

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(PolicyCreated.class, this::on)
                .on(PolicyVersionCreated.class, this::on)
                .on(DefaultPolicyVersionSet.class, this::on)
                .on(PolicyVersionDeleted.class, this::on)
                .on(PolicyAttached.class, this::on)
                .on(PolicyDetached.class, this::on)
                .on(PolicyTagged.class, this::on)
                .on(PolicyUntagged.class, this::on)
                .on(PolicyDeleted.class, this::on)
                .on(AwsPolicyAttached.class, this::on)
                .on(AwsPolicyDetached.class, this::on);
    }

    void on(PolicyCreated e) {
        managedPolicies.put(e.policy(), new ManagedPolicyView(e.policy().account(), e.policy().policyName(), e.policyId(),
                e.path(), e.arn(), e.description(), e.createdAt(), e.createdAt(),
                Map.of("v1", new PolicyVersion("v1", e.document(), PolicyDocument.parse(e.document()), e.createdAt())), "v1", 0, Map.of()));
    }

    void on(PolicyVersionCreated e) {
        managedPolicies.update(e.policy(), p -> {
            Map<String, PolicyVersion> versions = new LinkedHashMap<>(p.versions());
            versions.put(e.versionId(), new PolicyVersion(e.versionId(), e.document(), PolicyDocument.parse(e.document()), e.createdAt()));
            return p.withVersions(Map.copyOf(versions), e.isDefault() ? e.versionId() : p.defaultVersionId(), e.createdAt());
        });
    }

    void on(DefaultPolicyVersionSet e) {
        managedPolicies.update(e.policy(), p -> p.withVersions(p.versions(), e.versionId(), p.updatedAt()));
    }

    void on(PolicyVersionDeleted e) {
        managedPolicies.update(e.policy(), p -> {
            Map<String, PolicyVersion> versions = new LinkedHashMap<>(p.versions());
            versions.remove(e.versionId());
            return p.withVersions(Map.copyOf(versions), p.defaultVersionId(), p.updatedAt());
        });
    }

    void on(PolicyAttached e) {
        attached.computeIfAbsent(entityKey(e.policy().account(), e.entityType(), e.entityName()), k -> ConcurrentHashMap.newKeySet())
                .add(e.policy().toString());
        managedPolicies.update(e.policy(), p -> p.withAttachmentCount(p.attachmentCount() + 1));
    }

    void on(PolicyDetached e) {
        attached.getOrDefault(entityKey(e.policy().account(), e.entityType(), e.entityName()), Set.of()).remove(e.policy().toString());
        managedPolicies.update(e.policy(), p -> p.withAttachmentCount(p.attachmentCount() - 1));
    }

    void on(AwsPolicyAttached e) {
        if (attached.computeIfAbsent(entityKey(e.policy().account(), e.entityType(), e.entityName()), k -> ConcurrentHashMap.newKeySet())
                .add(e.policy().toString())) {
            awsAttachmentCounts.merge(e.policy().toString(), 1, Integer::sum);
        }
    }

    void on(AwsPolicyDetached e) {
        if (attached.getOrDefault(entityKey(e.policy().account(), e.entityType(), e.entityName()), Set.of()).remove(e.policy().toString())) {
            awsAttachmentCounts.computeIfPresent(e.policy().toString(), (id, count) -> count > 1 ? count - 1 : null);
        }
    }

    void on(PolicyTagged e) {
        managedPolicies.update(e.policy(), p -> p.withTags(Tagging.merged(p.tags(), e.tags())));
    }

    void on(PolicyUntagged e) {
        managedPolicies.update(e.policy(), p -> p.withTags(Tagging.without(p.tags(), e.tagKeys())));
    }

    void on(PolicyDeleted e) {
        managedPolicies.remove(e.policy());
    }

    private static String entityKey(AccountId account, EntityType type, String name) {
        return type + ":" + account.value() + ":" + name.toLowerCase(Locale.ROOT);
    }

    Optional<ManagedPolicyView> managedPolicy(PolicyRef policy) {
        return managedPolicies.get(policy);
    }

    List<ManagedPolicyView> managedPoliciesIn(AccountId account) {
        return managedPolicies.in(account, ViewMap.byName(ManagedPolicyView::policyName));
    }

    List<ManagedPolicyView> policiesAttachedTo(AccountId account, EntityType type, String name) {
        return attached.getOrDefault(entityKey(account, type, name), Set.of()).stream()
                .flatMap(policy -> {
                    String awsArn = AwsPolicyRef.arnOf(policy);
                    return awsArn == null ? managedPolicies.get(policy).stream() : awsManagedPolicy(account, awsArn).stream();
                })
                .sorted(Comparator.comparing(ManagedPolicyView::policyName)).toList();
    }

    /** An AWS-managed policy as the account sees it: with the number of its entities it is attached to. */
    Optional<ManagedPolicyView> awsManagedPolicy(AccountId account, String arn) {
        return awsManaged.byArn(arn).map(policy -> ManagedPolicyView.ofAwsManaged(policy, account,
                awsAttachmentCounts.getOrDefault(new AwsPolicyRef(account, arn).toString(), 0)));
    }

    /** Every AWS-managed policy as the account sees it, by name. */
    List<ManagedPolicyView> awsManagedPolicies(AccountId account) {
        return awsManaged.all().stream().flatMap(policy -> awsManagedPolicy(account, policy.arn()).stream()).toList();
    }

    List<Attachment> attachmentsOf(PolicyRef policy) {
        return attachmentsOf(policy.account(), policy.toString());
    }

    List<Attachment> attachmentsOf(AwsPolicyRef policy) {
        return attachmentsOf(policy.account(), policy.toString());
    }

    /** The entities of the account a policy (by its aggregate identifier) is attached to. */
    private List<Attachment> attachmentsOf(AccountId account, String policyId) {
        String prefix = ":" + account.value() + ":";
        return attached.entrySet().stream().filter(e -> e.getValue().contains(policyId))
                .map(e -> {
                    int at = e.getKey().indexOf(prefix);
                    return new Attachment(EntityType.valueOf(e.getKey().substring(0, at)), e.getKey().substring(at + prefix.length()));
                })
                .sorted(Comparator.comparing(Attachment::type).thenComparing(Attachment::name)).toList();
    }

    Map<String, ManagedPolicyView> savedPolicies() {
        return managedPolicies.saved();
    }

    /** Each entity's policies: copied, as the sets change in place. */
    Map<String, Set<String>> savedAttachments() {
        return IdSets.copy(attached);
    }

    void restore(Map<String, ManagedPolicyView> savedPolicies, Map<String, Set<String>> savedAttachments) {
        managedPolicies.restore(savedPolicies);
        IdSets.restore(attached, savedAttachments);
        attached.values().forEach(ids -> ids.stream().filter(id -> AwsPolicyRef.arnOf(id) != null)
                .forEach(id -> awsAttachmentCounts.merge(id, 1, Integer::sum)));
    }
}
