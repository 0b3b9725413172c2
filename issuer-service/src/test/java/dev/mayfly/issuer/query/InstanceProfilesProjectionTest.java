package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileCreated;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileDeleted;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileTagged;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileUntagged;
import dev.mayfly.issuer.api.InstanceProfileEvents.RoleAddedToInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileEvents.RoleRemovedFromInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceProfilesProjectionTest {

    private static InstanceProfileCreated created(InstanceProfileRef profile) {
        return new InstanceProfileCreated(profile, "/", "AIPA" + profile.instanceProfileName(),
                "arn:aws:iam::" + profile.account().value() + ":instance-profile/" + profile.instanceProfileName(), T);
    }

    @Test
    void instanceProfileWhenCreatedThenFoundInAnyCaseWithoutRoleOrTags() {
        InstanceProfileRef web = new InstanceProfileRef(ACCOUNT, "web");
        InstanceProfileView view = given(new InstanceProfilesProjection(), created(web))
                .instanceProfile(new InstanceProfileRef(ACCOUNT, "WEB")).orElseThrow();

        assertThat(view.instanceProfileId()).isEqualTo("AIPAweb");
        assertThat(view.roleName()).isNull();
        assertThat(view.tags()).isEmpty();
    }

    @Test
    void instanceProfilesOfWhenRoleAddedThenListedAndWhenRemovedThenNot() {
        InstanceProfileRef web = new InstanceProfileRef(ACCOUNT, "web");
        InstanceProfileRef batch = new InstanceProfileRef(ACCOUNT, "batch");
        InstanceProfileRef elsewhere = new InstanceProfileRef(OTHER_ACCOUNT, "web");
        InstanceProfilesProjection projection = given(new InstanceProfilesProjection(), created(web), created(batch), created(elsewhere),
                new RoleAddedToInstanceProfile(web, "app"), new RoleAddedToInstanceProfile(batch, "app"),
                new RoleAddedToInstanceProfile(elsewhere, "app"));

        assertThat(projection.instanceProfilesOf(new RoleRef(ACCOUNT, "APP"))).extracting(InstanceProfileView::instanceProfileName)
                .containsExactly("batch", "web");

        given(projection, new RoleRemovedFromInstanceProfile(web, "app"));
        assertThat(projection.instanceProfilesOf(new RoleRef(ACCOUNT, "app"))).extracting(InstanceProfileView::instanceProfileName)
                .containsExactly("batch");
    }

    @Test
    void instanceProfileWhenTaggedUntaggedAndDeletedThenFollows() {
        InstanceProfileRef web = new InstanceProfileRef(ACCOUNT, "web");
        InstanceProfilesProjection projection = given(new InstanceProfilesProjection(), created(web),
                new InstanceProfileTagged(web, Map.of("team", "web", "env", "prod")), new InstanceProfileUntagged(web, List.of("ENV")));
        assertThat(projection.instanceProfile(web).orElseThrow().tags()).isEqualTo(Map.of("team", "web"));

        given(projection, new InstanceProfileDeleted(web, "AIPAweb", T));
        assertThat(projection.instanceProfile(web)).isEmpty();
        assertThat(projection.instanceProfilesIn(ACCOUNT)).isEmpty();
    }
}
