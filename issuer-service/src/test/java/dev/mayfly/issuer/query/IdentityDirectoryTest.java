package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.GroupEvents.GroupCreated;
import dev.mayfly.issuer.api.GroupEvents.UserAddedToGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.MfaEvents.MfaCodeUsed;
import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleEvents.RolePermissionsBoundarySet;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPermissionsBoundarySet;
import dev.mayfly.issuer.api.UserRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facade: what spans projections, and whom it tells of a change. */
class IdentityDirectoryTest {

    private static final UserRef ALICE = new UserRef(ACCOUNT, "alice");
    private static final RoleRef DEPLOYER = new RoleRef(ACCOUNT, "deployer");
    private static final String ALICE_ARN = "arn:aws:iam::123456789012:user/team/alice";
    private static final String DEPLOYER_ARN = "arn:aws:iam::123456789012:role/deployer";
    private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/boundary";
    private static final String TRUST_ROOT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},\
            "Action":"sts:AssumeRole"}]}""";

    private final IdentityDirectory directory = new IdentityDirectory();
    private final List<AccountId> told = new ArrayList<>();

    private void given(Object... events) {
        for (Object event : events) {
            directory.apply(event);
        }
    }

    private static UserCreated aliceCreated() {
        return new UserCreated(ALICE, "/team/", "AIDAALICE", ALICE_ARN, T);
    }

    private static RoleCreated deployerCreated() {
        return new RoleCreated(DEPLOYER, "/", "AROADEPLOYER", DEPLOYER_ARN, TRUST_ROOT, "", 3600, T, Map.of());
    }

    @Test
    void applyWhenAccountCreatedThenTheAccountAndItsRootKeyAreBothKnown() {
        given(new AccountCreated(ACCOUNT, "dev", "AKIAROOT000000000001", T));

        assertThat(directory.account(ACCOUNT)).isPresent();
        assertThat(directory.accessKey("AKIAROOT000000000001")).hasValueSatisfying(key -> assertThat(key.isRoot()).isTrue());
        assertThat(directory.rootAccessKeysOf(ACCOUNT)).hasSize(1);
    }

    @Test
    void applyWhenUserDeletedThenItIsGoneAndInNoGroup() {
        GroupRef admins = new GroupRef(ACCOUNT, "admins");
        given(aliceCreated(), new GroupCreated(admins, "/", "AGPAADMINS", "arn:aws:iam::123456789012:group/admins", T),
                new UserAddedToGroup(admins, "alice"), new UserDeleted(ALICE, "AIDAALICE", T));

        assertThat(directory.user(ALICE)).isEmpty();
        assertThat(directory.groupsOf(ALICE)).isEmpty();
    }

    @Test
    void boundaryUsageCountWhenAUserAndARoleAreBoundByThePolicyThenCountsBoth() {
        given(aliceCreated(), deployerCreated(), new UserPermissionsBoundarySet(ALICE, BOUNDARY),
                new RolePermissionsBoundarySet(DEPLOYER, BOUNDARY));

        assertThat(directory.boundaryUsageCount(ACCOUNT, BOUNDARY)).isEqualTo(2);
        assertThat(directory.boundaryUsageCount(OTHER_ACCOUNT, BOUNDARY)).isZero();
    }

    @Test
    void userOrRoleIdOfWhenTheArnNamesTheCurrentHolderThenItsUniqueId() {
        given(aliceCreated(), deployerCreated());

        assertThat(directory.userOrRoleIdOf(ALICE_ARN)).contains("AIDAALICE");
        assertThat(directory.userOrRoleIdOf(DEPLOYER_ARN)).contains("AROADEPLOYER");
    }

    @Test
    void userOrRoleIdOfWhenTheArnHasAnotherPathThenNone() {
        given(aliceCreated());

        assertThat(directory.userOrRoleIdOf("arn:aws:iam::123456789012:user/alice")).isEmpty();
        assertThat(directory.userOrRoleIdOf("arn:aws:iam::123456789012:group/alice")).isEmpty();
    }

    @Test
    void onChangeWhenAnAccountScopedEventIsAppliedThenTellsItsAccountEvenIfNoProjectionFollowsIt() {
        directory.onChange(told::add);

        given(aliceCreated(), new MfaCodeUsed(new MfaDeviceRef(OTHER_ACCOUNT, "phone"), 100));

        assertThat(told).containsExactly(ACCOUNT, OTHER_ACCOUNT);
    }

    @Test
    void applyWhenTheEventIsNoneOfTheDirectorysThenChangesNothingAndTellsNoOne() {
        directory.onChange(told::add);

        given("not an event", 42);

        assertThat(told).isEmpty();
        assertThat(directory.accountIds()).isEmpty();
    }
}
