package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;

/** Groups through the AWS SDK: membership, group policies counting for members, quotas and errors. */
class GroupsTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    @Test
    void groupPolicyWhenUserIsMemberThenItCountsAndWhenRemovedThenNoLonger() {
        NewAccount account = IssuerFixture.newAccount("groups");
        var deployer = IssuerFixture.userWhoMayAssume(account, "gus", "deploy");
        IamClient rootIam = iam(root(account));
        rootIam.updateAssumeRolePolicy(r -> r.roleName("deploy").policyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(account.accountId())));
        rootIam.createGroup(r -> r.groupName("deployers").path("/ci/"));
        rootIam.putGroupPolicy(r -> r.groupName("deployers").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}}"""
                .formatted(deployer.roleArn())));
        assertThatThrownBy(() -> sts(deployer.user()).assumeRole(r -> r.roleArn(deployer.roleArn()).roleSessionName("s1")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        rootIam.addUserToGroup(r -> r.groupName("deployers").userName("gus"));
        assertThat(sts(deployer.user()).assumeRole(r -> r.roleArn(deployer.roleArn()).roleSessionName("s1")).credentials()).isNotNull();
        assertThat(rootIam.listGroupsForUser(r -> r.userName("gus")).groups()).extracting(Group::groupName).containsExactly("deployers");
        var group = rootIam.getGroup(r -> r.groupName("deployers"));
        assertThat(group.group().arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":group/ci/deployers");
        assertThat(group.users()).extracting(User::userName).containsExactly("gus");

        rootIam.removeUserFromGroup(r -> r.groupName("deployers").userName("gus"));
        assertThatThrownBy(() -> sts(deployer.user()).assumeRole(r -> r.roleArn(deployer.roleArn()).roleSessionName("s2")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void groupsWhenMisusedThenIamErrors() {
        NewAccount account = IssuerFixture.newAccount("groups-errors");
        IamClient rootIam = iam(root(account));
        rootIam.createGroup(r -> r.groupName("g0"));
        assertThatThrownBy(() -> rootIam.createGroup(r -> r.groupName("G0"))).isInstanceOf(EntityAlreadyExistsException.class);
        assertThatThrownBy(() -> rootIam.getGroup(r -> r.groupName("missing"))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> rootIam.addUserToGroup(r -> r.groupName("g0").userName("ghost"))).isInstanceOf(NoSuchEntityException.class);
        rootIam.createUser(r -> r.userName("joiner"));
        assertThatThrownBy(() -> rootIam.removeUserFromGroup(r -> r.groupName("g0").userName("joiner"))).isInstanceOf(NoSuchEntityException.class);
        for (int i = 0; i < 10; i++) {
            String name = "g" + (i + 1);
            rootIam.createGroup(r -> r.groupName(name));
            rootIam.addUserToGroup(r -> r.groupName(name).userName("joiner"));
        }
        assertThatThrownBy(() -> rootIam.addUserToGroup(r -> r.groupName("g0").userName("joiner")))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("GroupsPerUser: 10");
        rootIam.addUserToGroup(r -> r.groupName("g1").userName("joiner"));
        assertThat(rootIam.listGroupsForUser(r -> r.userName("joiner").maxItems(4)).isTruncated()).isTrue();
    }

    @Test
    void groupWhenOtherTenantThenInvisible() {
        NewAccount owner = IssuerFixture.newAccount("groups-owner");
        NewAccount other = IssuerFixture.newAccount("groups-other");
        iam(root(owner)).createGroup(r -> r.groupName("private-group"));
        assertThatThrownBy(() -> iam(root(other)).getGroup(r -> r.groupName("private-group"))).isInstanceOf(NoSuchEntityException.class);
    }
}
