package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileCreated;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileDeleted;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileTagged;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileUntagged;
import dev.mayfly.issuer.api.InstanceProfileEvents.RoleAddedToInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileEvents.RoleRemovedFromInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The IAM instance profiles: the role each holds and their tags. */
final class InstanceProfilesProjection implements Projection {

    private final ViewMap<InstanceProfileView> profiles = new ViewMap<>(InstanceProfileView::accountId);

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(InstanceProfileCreated.class, this::on)
                .on(RoleAddedToInstanceProfile.class, this::on)
                .on(RoleRemovedFromInstanceProfile.class, this::on)
                .on(InstanceProfileTagged.class, this::on)
                .on(InstanceProfileUntagged.class, this::on)
                .on(InstanceProfileDeleted.class, this::on);
    }

    void on(InstanceProfileCreated e) {
        profiles.put(e.instanceProfile(), new InstanceProfileView(e.instanceProfile().account(), e.instanceProfile().instanceProfileName(),
                e.instanceProfileId(), e.path(), e.arn(), e.createdAt(), null, Map.of()));
    }

    void on(RoleAddedToInstanceProfile e) {
        profiles.update(e.instanceProfile(), p -> p.withRole(e.roleName()));
    }

    void on(RoleRemovedFromInstanceProfile e) {
        profiles.update(e.instanceProfile(), p -> p.withRole(null));
    }

    void on(InstanceProfileTagged e) {
        profiles.update(e.instanceProfile(), p -> p.withTags(Tagging.merged(p.tags(), e.tags())));
    }

    void on(InstanceProfileUntagged e) {
        profiles.update(e.instanceProfile(), p -> p.withTags(Tagging.without(p.tags(), e.tagKeys())));
    }

    void on(InstanceProfileDeleted e) {
        profiles.remove(e.instanceProfile());
    }

    Optional<InstanceProfileView> instanceProfile(InstanceProfileRef profile) {
        return profiles.get(profile);
    }

    List<InstanceProfileView> instanceProfilesIn(AccountId account) {
        return profiles.in(account, ViewMap.byName(InstanceProfileView::instanceProfileName));
    }

    /** The profiles that hold a role (at most one role each; a role may be in several): a scan of the account's profiles. */
    List<InstanceProfileView> instanceProfilesOf(RoleRef role) {
        return instanceProfilesIn(role.account()).stream()
                .filter(p -> p.roleName() != null && p.roleName().equalsIgnoreCase(role.roleName())).toList();
    }

    Map<String, InstanceProfileView> saved() {
        return profiles.saved();
    }

    void restore(Map<String, InstanceProfileView> saved) {
        profiles.restore(saved);
    }
}
