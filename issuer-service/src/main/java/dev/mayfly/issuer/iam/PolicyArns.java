package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.protocol.QueryParameters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PolicyArn parameter: a customer-managed policy of the caller's account. AWS-managed policies
 * (arn:aws:iam::aws:policy/...) are not provided, and another account's policies are not the caller's to use.
 */
final class PolicyArns {

    private static final Pattern FORMAT = Pattern.compile("arn:aws:iam::(\\d{12}|aws):policy(/(?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]{1,128})");

    private PolicyArns() {
    }

    static PolicyRef of(QueryParameters parameters, AccountId caller) {
        return of(parameters.required("PolicyArn", "policyArn", 20, 2048), caller);
    }

    static PolicyRef of(String arn, AccountId caller) {
        Matcher m = FORMAT.matcher(arn);
        if (!m.matches()) {
            throw dev.mayfly.runtime.AwsServiceException.validation("ARN " + arn + " is not valid.");
        }
        if (!m.group(1).equals(caller.value())) {
            throw IamErrors.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
        }
        return new PolicyRef(caller, m.group(3));
    }
}
