package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.policy.MalformedPolicyException;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.runtime.AwsServiceException;
import java.util.function.UnaryOperator;

/** IAM's parameter constraints, as its API reference documents them. */
public final class IamParameters {

    public static final String NAME_PATTERN = "[\\w+=,.@-]+";
    public static final String PATH_PATTERN = "(/)|(/[\\x21-\\x7E]+/)";
    /** The largest policy document IAM accepts in a request; quotas per kind are checked separately. */
    private static final int MAX_POLICY_CHARS = 131072;

    private IamParameters() {
    }

    public static String userName(QueryParameters parameters) {
        return QueryParameters.matching(parameters.required("UserName", "userName", 1, 64), "userName", NAME_PATTERN);
    }

    /** UserName when given; without it, an IAM user means itself, and other callers must name the user. */
    public static String userNameOrCaller(QueryParameters parameters, Caller caller) {
        if (parameters.get("UserName") != null) {
            return userName(parameters);
        }
        if (caller.type() == Caller.Type.IAM_USER) {
            return caller.userName();
        }
        throw AwsServiceException.validation("Must specify userName when calling with non-User credentials");
    }

    public static String accessKeyId(QueryParameters parameters) {
        return QueryParameters.matching(parameters.required("AccessKeyId", "accessKeyId", 16, 128), "accessKeyId", "[\\w]+");
    }

    public static String groupName(QueryParameters parameters) {
        return QueryParameters.matching(parameters.required("GroupName", "groupName", 1, 128), "groupName", NAME_PATTERN);
    }

    public static String roleName(QueryParameters parameters) {
        return QueryParameters.matching(parameters.required("RoleName", "roleName", 1, 64), "roleName", NAME_PATTERN);
    }

    public static String instanceProfileName(QueryParameters parameters) {
        return QueryParameters.matching(parameters.required("InstanceProfileName", "instanceProfileName", 1, 128),
                "instanceProfileName", NAME_PATTERN);
    }

    public static String policyName(QueryParameters parameters) {
        return QueryParameters.matching(parameters.required("PolicyName", "policyName", 1, 128), "policyName", NAME_PATTERN);
    }

    /** A role's Description: up to 1000 characters of IAM's set; null when not given. */
    public static String roleDescription(QueryParameters parameters) {
        return QueryParameters.matching(parameters.optional("Description", "description", 0, 1000, null),
                "description", "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
    }

    /** A managed policy's VersionId: v1, v2... */
    public static String versionId(QueryParameters parameters) {
        return QueryParameters.matching(parameters.required("VersionId", "versionId", 2, 128), "versionId", "v[1-9][0-9]*");
    }

    /** PathPrefix of the List actions: "/" (everything) by default. */
    public static String pathPrefix(QueryParameters parameters) {
        return QueryParameters.matching(parameters.optional("PathPrefix", "pathPrefix", 1, 512, "/"), "pathPrefix", "/[\\x21-\\x7E]*");
    }

    public static String path(QueryParameters parameters) {
        return QueryParameters.matching(parameters.optional("Path", "path", 1, 512, "/"), "path", PATH_PATTERN);
    }

    /**
     * A policy document from a parameter: parsed, checked as the given kind, and within the quota IAM counts
     * without white space.
     */
    public static String policy(QueryParameters parameters, String name, String field, int quota, String quotaName,
                         UnaryOperator<PolicyDocument> kind) {
        String document = parameters.required(name, field, 1, MAX_POLICY_CHARS);
        if (document.replaceAll("\\s", "").length() > quota) {
            throw IamErrors.limitExceeded("Cannot exceed quota for " + quotaName + ": " + quota);
        }
        try {
            kind.apply(PolicyDocument.parse(document));
        } catch (MalformedPolicyException e) {
            throw IamErrors.malformedPolicyDocument(e.getMessage());
        }
        return document;
    }
}
