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
 *                    version
 * @param boundary    the permissions boundary, or null; one naming a missing policy is a policy that allows nothing
 * @param asOf        when the snapshot was taken
 */
public record PolicySnapshot(String arn, String accountId, Kind kind, String id, Map<String, String> tags,
                             List<LabeledPolicy> policies, LabeledPolicy boundary, Instant asOf) {

    public enum Kind { USER, ROLE, MANAGED_POLICY }

    /** A policy document with what to call it when it decides ("inline policy p of role r", a managed policy's ARN). */
    public record LabeledPolicy(String label, String document) {
    }
}
