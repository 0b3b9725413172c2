package dev.mayfly.issuer.iam.authorizationdetails;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.InstanceProfileXml;
import dev.mayfly.issuer.iam.ManagedPolicyXml;
import dev.mayfly.issuer.iam.RoleXml;
import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.issuer.query.Views.InlinePolicy;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.Collection;
import java.util.Comparator;

/**
 * One member of GetAccountAuthorizationDetails' answer: a user, group, role or managed policy, written in the list
 * IAM puts it in (UserDetailList, GroupDetailList, RoleDetailList, Policies).
 */
sealed interface AccountDetail {

    /** The answer's list this kind of detail goes in. */
    String list();

    /** Writes the member's elements (inside its {@code <member>}). */
    void write(XmlWriter xml, IdentityDirectory directory);

    /** The characters of the policy documents this member carries, what makes a page large. */
    long documentCharacters();

    record User(UserView user) implements AccountDetail {

        @Override
        public String list() {
            return "UserDetailList";
        }

        @Override
        public void write(XmlWriter xml, IdentityDirectory directory) {
            xml.element("Path", user.path()).element("UserName", user.userName()).element("UserId", user.userId())
                    .element("Arn", user.arn()).element("CreateDate", user.createdAt());
            inline(xml, "UserPolicyList", user.policies().values());
            xml.start("GroupList");
            directory.groupsOf(new UserRef(user.accountId(), user.userName())).stream().map(GroupView::groupName).sorted()
                    .forEach(group -> xml.start("member").text(group).end());
            xml.end();
            attached(xml, directory, user.accountId(), EntityType.USER, user.userName());
            RoleXml.permissionsBoundary(xml, user.permissionsBoundary());
            RoleXml.tags(xml, user.tags());
        }

        @Override
        public long documentCharacters() {
            return characters(user.policies().values());
        }
    }

    record Group(GroupView group) implements AccountDetail {

        @Override
        public String list() {
            return "GroupDetailList";
        }

        @Override
        public void write(XmlWriter xml, IdentityDirectory directory) {
            xml.element("Path", group.path()).element("GroupName", group.groupName()).element("GroupId", group.groupId())
                    .element("Arn", group.arn()).element("CreateDate", group.createdAt());
            inline(xml, "GroupPolicyList", group.policies().values());
            attached(xml, directory, group.accountId(), EntityType.GROUP, group.groupName());
        }

        @Override
        public long documentCharacters() {
            return characters(group.policies().values());
        }
    }

    record Role(RoleView role) implements AccountDetail {

        @Override
        public String list() {
            return "RoleDetailList";
        }

        @Override
        public void write(XmlWriter xml, IdentityDirectory directory) {
            xml.element("Path", role.path()).element("RoleName", role.roleName()).element("RoleId", role.roleId())
                    .element("Arn", role.arn()).element("CreateDate", role.createdAt())
                    .element("AssumeRolePolicyDocument", RoleXml.encoded(role.trustPolicy()));
            xml.start("InstanceProfileList");
            directory.instanceProfilesOf(new RoleRef(role.accountId(), role.roleName())).forEach(profile -> {
                xml.start("member");
                InstanceProfileXml.fields(xml, profile, directory);
                xml.end();
            });
            xml.end();
            inline(xml, "RolePolicyList", role.policies().values());
            attached(xml, directory, role.accountId(), EntityType.ROLE, role.roleName());
            RoleXml.permissionsBoundary(xml, role.permissionsBoundary());
            RoleXml.tags(xml, role.tags());
            xml.start("RoleLastUsed").end();
        }

        @Override
        public long documentCharacters() {
            return role.trustPolicy().length() + characters(role.policies().values());
        }
    }

    /** A managed policy with every version it keeps, documents included. */
    record Policy(ManagedPolicyView policy, long boundaryUsage) implements AccountDetail {

        @Override
        public String list() {
            return "Policies";
        }

        @Override
        public void write(XmlWriter xml, IdentityDirectory directory) {
            ManagedPolicyXml.fields(xml, policy, boundaryUsage);
            xml.element("Description", policy.description());
            xml.start("PolicyVersionList");
            policy.versions().values().stream().sorted(Comparator.comparing(version -> version.createdAt()))
                    .forEach(version -> {
                        xml.start("member");
                        ManagedPolicyXml.versionFields(xml, version, version.versionId().equals(policy.defaultVersionId()), true);
                        xml.end();
                    });
            xml.end();
        }

        @Override
        public long documentCharacters() {
            return policy.versions().values().stream().mapToLong(version -> version.document().length()).sum();
        }
    }

    private static long characters(Collection<InlinePolicy> policies) {
        return policies.stream().mapToLong(policy -> policy.document().length()).sum();
    }

    private static void inline(XmlWriter xml, String list, Collection<InlinePolicy> policies) {
        xml.start(list);
        policies.stream().sorted(Comparator.comparing(InlinePolicy::name)).forEach(policy -> xml.start("member")
                .element("PolicyName", policy.name()).element("PolicyDocument", RoleXml.encoded(policy.document())).end());
        xml.end();
    }

    private static void attached(XmlWriter xml, IdentityDirectory directory, AccountId account, EntityType type, String name) {
        xml.start("AttachedManagedPolicies");
        directory.policiesAttachedTo(account, type, name).forEach(policy -> xml.start("member")
                .element("PolicyName", policy.policyName()).element("PolicyArn", policy.arn()).end());
        xml.end();
    }
}
