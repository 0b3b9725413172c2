package dev.mayfly.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What decides for one IAM user, role or managed policy, as the issuer's directory has it: the value on
 * {@link Topics#POLICIES} (key: the ARN). A verifier that holds the snapshots (and the revocation rules and the session
 * token keys) decides as the issuer would, without asking it. Policies are documents, never secrets.
 *
 * @param arn         the user's, role's or managed policy's ARN
 * @param accountId   its account
 * @param kind        what it is
 * @param id          its unique id (AIDA..., AROA..., ANPA...): sessions of a role deleted and created again do not match
 * @param tags        a user's or role's tags (aws:PrincipalTag)
 * @param policies    a user's or role's identity-based policies (a user's include its groups'); a managed policy's default
 *                    version. An AWS-managed policy is named ({@link AwsManaged}), not sent: every process holds AWS's
 *                    documents, and ReadOnlyAccess alone is a hundred kilobytes
 * @param boundary    the permissions boundary, or null; one naming a missing policy is a policy that allows nothing
 * @param asOf        when the snapshot was taken
 */
public record PolicySnapshot(String arn, String accountId, Kind kind, String id, Map<String, String> tags,
                             List<LabeledPolicy> policies, LabeledPolicy boundary, Instant asOf) {

    public enum Kind { USER, ROLE, MANAGED_POLICY }

    /**
     * A policy document with what to call it when it decides ("inline policy p of role r", a managed policy's ARN).
     *
     * @param document   the document; null for an AWS-managed policy
     * @param awsManaged the AWS-managed policy it is, which the reader looks up in its own copy of AWS's documents; null
     *                   for every other policy
     */
    public record LabeledPolicy(String label, String document, AwsManaged awsManaged) {

        /** A policy sent with its document. */
        public LabeledPolicy(String label, String document) {
            this(label, document, null);
        }
    }

    /**
     * An AWS-managed policy by name: its ARN (arn:aws:iam::aws:policy/...) and the version the issuer decides with.
     */
    public record AwsManaged(String arn, String versionId) {
    }
}
