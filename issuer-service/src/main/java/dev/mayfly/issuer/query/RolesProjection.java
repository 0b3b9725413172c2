package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
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
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.query.Views.RoleView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The IAM roles: their trust policies (as they decide, principals bound to unique ids), inline policies, boundary and tags. */
final class RolesProjection implements Projection {

    private final ViewMap<RoleView> roles = new ViewMap<>(RoleView::accountId);

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(RoleCreated.class, this::on)
                .on(TrustPolicyUpdated.class, this::on)
                .on(RoleUpdated.class, this::on)
                .on(RolePermissionsBoundarySet.class, this::on)
                .on(RolePolicyPut.class, this::on)
                .on(RolePolicyDeleted.class, this::on)
                .on(RoleTagged.class, this::on)
                .on(RoleUntagged.class, this::on)
                .on(RoleDeleted.class, this::on);
    }

    void on(RoleCreated e) {
        roles.put(e.role(), new RoleView(e.role().account(), e.role().roleName(), e.roleId(), e.path(), e.arn(),
                e.trustPolicy(), e.trustPrincipalIds(), RoleView.decidingTrustPolicy(e.trustPolicy(), e.trustPrincipalIds()),
                e.description(), e.maxSessionDuration(), e.createdAt(), Map.of(), null, Map.of()));
    }

    void on(TrustPolicyUpdated e) {
        roles.update(e.role(), r -> r.withTrustPolicy(e.trustPolicy(), e.trustPrincipalIds()));
    }

    void on(RoleUpdated e) {
        roles.update(e.role(), r -> r.updated(e.description(), e.maxSessionDuration()));
    }

    void on(RolePermissionsBoundarySet e) {
        roles.update(e.role(), r -> r.with(r.policies(), e.policyArn()));
    }

    void on(RolePolicyPut e) {
        roles.update(e.role(), r -> r.with(InlinePolicies.with(r.policies(), e.policyName(), e.policyDocument()), r.permissionsBoundary()));
    }

    void on(RolePolicyDeleted e) {
        roles.update(e.role(), r -> r.with(InlinePolicies.without(r.policies(), e.policyName()), r.permissionsBoundary()));
    }

    void on(RoleTagged e) {
        roles.update(e.role(), r -> r.withTags(Tagging.merged(r.tags(), e.tags())));
    }

    void on(RoleUntagged e) {
        roles.update(e.role(), r -> r.withTags(Tagging.without(r.tags(), e.tagKeys())));
    }

    void on(RoleDeleted e) {
        roles.remove(e.role());
    }

    Optional<RoleView> role(RoleRef role) {
        return roles.get(role);
    }

    List<RoleView> rolesIn(AccountId account) {
        return roles.in(account, ViewMap.byName(RoleView::roleName));
    }

    Map<String, RoleView> saved() {
        return roles.saved();
    }

    void restore(Map<String, RoleView> saved) {
        roles.restore(saved);
    }
}
