package dev.mayfly.issuer.api;

import dev.mayfly.runtime.AwsServiceException;

/** IAM's documented errors, with the codes, statuses and messages AWS answers. */
public final class IamErrors {

    private IamErrors() {
    }

    public static AwsServiceException entityAlreadyExists(String message) {
        return new AwsServiceException("EntityAlreadyExists", message, 409);
    }

    public static AwsServiceException noSuchEntity(String message) {
        return new AwsServiceException("NoSuchEntity", message, 404);
    }

    public static AwsServiceException limitExceeded(String message) {
        return new AwsServiceException("LimitExceeded", message, 409);
    }

    /** The entity is still in use: what must be removed first is in the message. */
    public static AwsServiceException deleteConflict(String message) {
        return new AwsServiceException("DeleteConflict", message, 409);
    }

    public static AwsServiceException malformedPolicyDocument(String message) {
        return new AwsServiceException("MalformedPolicyDocument", message, 400);
    }

    /** EnableOutboundWebIdentityFederation while it is enabled. */
    public static AwsServiceException featureEnabled() {
        return new AwsServiceException("FeatureEnabled", "Outbound web identity federation is already enabled for this account;"
                + " GetOutboundWebIdentityFederationInfo answers its issuer URL.", 409);
    }

    /** DisableOutboundWebIdentityFederation while it is disabled, GetOutboundWebIdentityFederationInfo before it was enabled. */
    public static AwsServiceException featureDisabled() {
        return new AwsServiceException("FeatureDisabled", "Outbound web identity federation is not enabled for this account.", 404);
    }

    public static AwsServiceException userNotFound(String userName) {
        return noSuchEntity("The user with name " + userName + " cannot be found.");
    }

    /** IAM's AccessKeysPerUser quota, which holds for the root user's keys too. */
    public static final int MAX_ACCESS_KEYS = 2;

    public static AwsServiceException accessKeyQuotaExceeded() {
        return limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + MAX_ACCESS_KEYS);
    }

    public static AwsServiceException accessKeyNotFound(String accessKeyId) {
        return noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found.");
    }

    public static AwsServiceException groupNotFound(String groupName) {
        return noSuchEntity("The group with name " + groupName + " cannot be found.");
    }

    /** @param entityKind "user", "role" or "group" */
    public static AwsServiceException inlinePolicyNotFound(String entityKind, String policyName) {
        return noSuchEntity("The " + entityKind + " policy with name " + policyName + " cannot be found.");
    }

    /** A wrong, stale or reused MFA code: AccessDenied, as STS and IAM answer it. */
    public static AwsServiceException invalidMfaCode() {
        return AwsServiceException.accessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code.");
    }

    /** Codes that are not two consecutive codes of the device (EnableMFADevice, ResyncMFADevice), as IAM answers them. */
    public static AwsServiceException invalidAuthenticationCode(String serialNumber) {
        return new AwsServiceException("InvalidAuthenticationCode", "Authentication code for device '" + serialNumber + "' was incorrect.", 403);
    }

    public static AwsServiceException roleNotFound(String roleName) {
        return noSuchEntity("The role with name " + roleName + " cannot be found.");
    }

    public static AwsServiceException instanceProfileNotFound(String instanceProfileName) {
        return noSuchEntity("Instance Profile " + instanceProfileName + " cannot be found.");
    }

    /** DeleteRole and DeleteInstanceProfile while the role is in an instance profile, as IAM words it for both. */
    public static AwsServiceException rolesInInstanceProfile() {
        return deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
    }

    /** A user without a console password: Mayfly keeps none, so every user is one. */
    public static AwsServiceException loginProfileNotFound(String userName) {
        return noSuchEntity("Login Profile for User " + userName + " cannot be found.");
    }
}
