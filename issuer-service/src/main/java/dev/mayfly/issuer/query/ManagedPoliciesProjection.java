package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
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
 * twice, as the entity's policies and as the policy's attachment count, and both change with the same event.
 */
final class ManagedPoliciesProjection implements Projection {

    private final ViewMap<ManagedPolicyView> managedPolicies = new ViewMap<>(ManagedPolicyView::accountId);
    /** entity (type:account:case-folded name) -> the managed policies (aggregate ids) attached to it. */
    private final Map<String, Set<String>> attached = new ConcurrentHashMap<>();

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
                .on(PolicyDeleted.class, this::on);
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
                .flatMap(policy -> managedPolicies.get(policy).stream())
                .sorted(Comparator.comparing(ManagedPolicyView::policyName)).toList();
    }

    List<Attachment> attachmentsOf(PolicyRef policy) {
        String prefix = ":" + policy.account().value() + ":";
        return attached.entrySet().stream().filter(e -> e.getValue().contains(policy.toString()))
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
    }
}
