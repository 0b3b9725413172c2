package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;

/** IAM's List and Get actions through the AWS SDK: path prefixes, pages, tenant scope, URL-encoded documents. */
class ListAndReadTest {

    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}""";
    private static IamClient iam;

    @BeforeAll
    static void entities() {
        NewAccount account = IssuerFixture.newAccount("lists");
        iam = iam(root(account));
        iam.createUser(r -> r.userName("ann").path("/eng/"));
        iam.createUser(r -> r.userName("ben").path("/eng/"));
        iam.createUser(r -> r.userName("cat").path("/ops/"));
        iam.putUserPolicy(r -> r.userName("ann").policyName("read-b").policyDocument(POLICY));
        iam.createRole(r -> r.roleName("svc").path("/eng/").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(account.accountId())));
        iam.putRolePolicy(r -> r.roleName("svc").policyName("read-b").policyDocument(POLICY));
        iam.createGroup(r -> r.groupName("everyone"));
        IssuerFixture.newAccount("lists-other");
    }

    @Test
    void listUsersWhenPathPrefixThenOnlyThoseByName() {
        assertThat(iam.listUsers(r -> r.pathPrefix("/eng/")).users()).extracting(User::userName).containsExactly("ann", "ben");
        assertThat(iam.listUsers().users()).extracting(User::userName).containsExactly("ann", "ben", "cat");
    }

    @Test
    void listUsersWhenPagedThenEveryUserOnce() {
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            ListUsersResponse page = iam.listUsers(r -> r.maxItems(2).marker(from));
            page.users().forEach(u -> seen.add(u.userName()));
            marker = page.isTruncated() ? page.marker() : null;
        } while (marker != null);
        assertThat(seen).containsExactly("ann", "ben", "cat");
    }

    @Test
    void listUsersWhenMarkerPastTheLastIntegerThenAnEmptyLastPage() {
        // a hand-made marker near Integer.MAX_VALUE overflowed the page's end: an empty page said it was truncated and
        // gave a negative marker, which the next call refused, so a paginator failed instead of ending
        String farAway = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                Integer.toString(Integer.MAX_VALUE - 5).getBytes(StandardCharsets.UTF_8));

        ListUsersResponse page = iam.listUsers(r -> r.maxItems(100).marker(farAway));

        assertThat(page.users()).isEmpty();
        assertThat(page.isTruncated()).isFalse();
        assertThat(page.marker()).isNull();
    }

    @Test
    void listRolesAndGroupsWhenCalledThenThisAccountsOnly() {
        assertThat(iam.listRoles().roles()).extracting(Role::roleName).containsExactly("svc");
        assertThat(iam.listGroups().groups()).extracting(Group::groupName).containsExactly("everyone");
    }

    @Test
    void getUserAndRolePolicyWhenPresentThenDocumentUrlEncodedAsIam() {
        String userPolicy = iam.getUserPolicy(r -> r.userName("ann").policyName("read-b")).policyDocument();
        String rolePolicy = iam.getRolePolicy(r -> r.roleName("svc").policyName("read-b")).policyDocument();
        assertThat(URLDecoder.decode(userPolicy, StandardCharsets.UTF_8)).isEqualTo(POLICY);
        assertThat(URLDecoder.decode(rolePolicy, StandardCharsets.UTF_8)).isEqualTo(POLICY);
        assertThat(iam.listUserPolicies(r -> r.userName("ann")).policyNames()).containsExactly("read-b");
        assertThat(iam.listRolePolicies(r -> r.roleName("svc")).policyNames()).containsExactly("read-b");
        assertThat(iam.listUserPolicies(r -> r.userName("ben")).policyNames()).isEmpty();
    }

    @Test
    void getUserPolicyWhenMissingThenNoSuchEntity() {
        assertThatThrownBy(() -> iam.getUserPolicy(r -> r.userName("ben").policyName("none")))
                .isInstanceOf(NoSuchEntityException.class).hasMessageContaining("The user policy with name none cannot be found.");
        assertThatThrownBy(() -> iam.getRolePolicy(r -> r.roleName("ghost").policyName("none"))).isInstanceOf(NoSuchEntityException.class);
    }
}
