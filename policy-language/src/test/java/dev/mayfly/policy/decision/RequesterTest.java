package dev.mayfly.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.policy.Principal;
import dev.mayfly.policy.decision.Requester.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The condition keys that describe who asks, as the issuer and the verifier both set them. */
class RequesterTest {

    private static final String A = "111122223333";

    @Test
    void conditionKeysWhenUserThenItsArnNameAndTags() {
        String alice = "arn:aws:iam::" + A + ":user/team/alice";
        Requester user = new Requester(Kind.USER, Principal.user(alice, A, "AIDAALICE"), alice, "AIDAALICE", null, null);

        assertThat(user.conditionKeys("AIDAALICE", Map.of("team", "red"))).containsAllEntriesOf(Map.of(
                "aws:PrincipalArn", List.of(alice), "aws:PrincipalAccount", List.of(A), "aws:userid", List.of("AIDAALICE"),
                "aws:PrincipalType", List.of("User"), "aws:username", List.of("alice"), "aws:PrincipalTag/team", List.of("red")));
    }

    @Test
    void conditionKeysWhenRoleSessionThenTheRoleIsThePrincipalArnAndNoUsername() {
        String role = "arn:aws:iam::" + A + ":role/reader";
        Requester session = new Requester(Kind.ROLE_SESSION, Principal.session(role, "arn:aws:sts::" + A + ":assumed-role/reader/s1", A,
                "AROAREADER"), role, "AROAREADER", null, null);

        Map<String, List<String>> keys = session.conditionKeys("AROAREADER:s1", Map.of());

        assertThat(keys).containsEntry("aws:PrincipalArn", List.of(role)).containsEntry("aws:PrincipalType", List.of("AssumedRole"))
                .doesNotContainKey("aws:username");
    }

    @Test
    void ofWhenRoleSessionThenItsRoleOfTheRoleIdItsPrincipalIdStartsWithOwnsIt() {
        String role = "arn:aws:iam::" + A + ":role/reader";
        String session = "arn:aws:sts::" + A + ":assumed-role/reader/s1";

        Requester requester = Requester.of(Kind.ROLE_SESSION, A, session, "AROAREADER:s1", role, null, null);

        assertThat(requester.owner()).isEqualTo(role);
        assertThat(requester.ownerId()).isEqualTo("AROAREADER");
        assertThat(requester.principal()).isEqualTo(Principal.session(role, session, A, "AROAREADER"));
    }

    @Test
    void ofWhenFederatedUserThenTheUserWhoAskedOwnsItWhateverItsId() {
        String alice = "arn:aws:iam::" + A + ":user/alice";
        String federated = "arn:aws:sts::" + A + ":federated-user/bob";

        Requester requester = Requester.of(Kind.FEDERATED_USER, A, federated, A + ":bob", alice, "{}", List.of());

        assertThat(requester.owner()).isEqualTo(alice);
        assertThat(requester.ownerId()).isNull();
        assertThat(requester.principal().arn()).isEqualTo(federated);
    }
}
