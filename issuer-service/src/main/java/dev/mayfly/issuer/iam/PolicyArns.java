package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.AwsPolicyRef;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PolicyArn parameter: a customer-managed policy of the caller's account, or an AWS-managed policy
 * (arn:aws:iam::aws:policy/..., as the caller's account sees it). Another account's policies are not the caller's to use.
 */
public final class PolicyArns {

    private static final Pattern FORMAT = Pattern.compile("arn:aws:iam::(\\d{12}|aws):policy(/(?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]{1,128})");

    private PolicyArns() {
    }

    /** The PolicyArn parameter, a valid policy ARN; whose it is and whether it exists are for after authorization. */
    public static String validated(QueryParameters parameters) {
        String arn = parameters.required("PolicyArn", "policyArn", 20, 2048);
        matching(arn);
        return arn;
    }

    /**
     * The policy the ARN names, path included: the caller's own, or an AWS-managed policy Mayfly provides; empty for
     * another account's, whether it exists or not. Look only once the caller is authorized, so that it gets
     * AccessDenied, never NoSuchEntity, when it is not.
     */
    public static Optional<ManagedPolicyView> existing(IdentityDirectory directory, String arn, AccountId caller) {
        Matcher m = matching(arn);
        if (m.group(1).equals("aws")) {
            return directory.awsManagedPolicy(caller, arn);
        }
        if (!m.group(1).equals(caller.value())) {
            return Optional.empty();
        }
        return directory.managedPolicy(new PolicyRef(caller, m.group(3))).filter(policy -> policy.arn().equals(arn));
    }

    /** The reference of a customer-managed policy, for the commands that change it. */
    public static PolicyRef ref(ManagedPolicyView policy) {
        return new PolicyRef(policy.accountId(), policy.policyName());
    }

    /** The attachments in the policy's account of an AWS-managed policy, for the commands that attach and detach it. */
    public static AwsPolicyRef awsRef(ManagedPolicyView policy) {
        return new AwsPolicyRef(policy.accountId(), policy.arn());
    }

    /** What a policy is attached to in its account, whoever's the policy is. */
    public static List<IdentityDirectory.Attachment> attachments(IdentityDirectory directory, ManagedPolicyView policy) {
        return policy.isAwsManaged() ? directory.attachmentsOf(awsRef(policy)) : directory.attachmentsOf(ref(policy));
    }

    private static Matcher matching(String arn) {
        Matcher m = FORMAT.matcher(arn);
        if (!m.matches()) {
            throw dev.mayfly.runtime.AwsServiceException.validation("ARN " + arn + " is not valid.");
        }
        return m;
    }
}
