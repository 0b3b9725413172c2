package dev.mayfly.issuer.authz;

import dev.mayfly.awspolicies.AwsManagedPolicies;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.RoleArn;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.authz.EntityPolicies.Labeled;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.policy.decision.NamedPolicy;
import dev.mayfly.policy.decision.PolicySource;
import dev.mayfly.policy.decision.Resource;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The issuer's directory as the access decision reads it: users, roles and managed policies (AWS's too) as they are now. */
final class DirectoryPolicySource implements PolicySource {

    private static final Pattern USER = Pattern.compile("arn:aws:iam::\\d{12}:user/.+");
    private final IdentityDirectory directory;
    private final EntityPolicies entities;

    DirectoryPolicySource(IdentityDirectory directory) {
        this.directory = directory;
        this.entities = new EntityPolicies(directory);
    }

    @Override
    public Optional<Identity> identity(String arn) {
        if (USER.matcher(arn).matches()) {
            return directory.user(new UserRef(AccountId.of(Resource.accountOf(arn)), nameOf(arn))).map(this::identityOf);
        }
        return RoleArn.parse(arn).flatMap(role -> directory.role(role.ref())).map(this::identityOf);
    }

    @Override
    public List<NamedPolicy> managedPolicy(String arn) {
        if (AwsManagedPolicies.isAwsManaged(arn)) {
            return AwsManagedPolicies.catalog().byArn(arn).map(policy -> List.of(new NamedPolicy("managed policy " + arn,
                    policy.parsed()))).orElse(List.of());
        }
        String account = Resource.accountOf(arn);
        if (account == null || !account.matches("\\d{12}")) {
            return List.of();
        }
        return directory.managedPolicy(new PolicyRef(AccountId.of(account), nameOf(arn))).filter(policy -> policy.arn().equals(arn))
                .map(policy -> List.of(new NamedPolicy("managed policy " + arn, policy.defaultVersion().parsed()))).orElse(List.of());
    }

    private Identity identityOf(UserView user) {
        return new Identity(user.userId(), named(entities.ofUser(user)), boundary(user.accountId(), user.permissionsBoundary()));
    }

    private Identity identityOf(RoleView role) {
        return new Identity(role.roleId(), named(entities.ofRole(role)), boundary(role.accountId(), role.permissionsBoundary()));
    }

    private NamedPolicy boundary(AccountId account, String boundaryArn) {
        return entities.boundary(account, boundaryArn).map(DirectoryPolicySource::named).orElse(null);
    }

    private static List<NamedPolicy> named(List<Labeled> policies) {
        return policies.stream().map(DirectoryPolicySource::named).toList();
    }

    private static NamedPolicy named(Labeled policy) {
        return new NamedPolicy(policy.label(), policy.parsed());
    }

    private static String nameOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
