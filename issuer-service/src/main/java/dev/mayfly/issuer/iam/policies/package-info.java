/**
 * IAM managed policies: CreatePolicy, GetPolicy, DeletePolicy, ListPolicies, ListEntitiesForPolicy, their versions and
 * tags, served by {@link dev.mayfly.issuer.iam.policies.PolicyActions}. The account's own policies are read and changed;
 * AWS-managed ones (module aws-managed-policies) are read, listed and counted with the account's attachments only, and
 * every change to them is refused as AWS refuses it.
 *
 * <p>Owns: the actions whose resource is a managed policy. Must not touch: the other IAM resource packages or STS.
 * Attaching a policy acts on the user, role or group it is attached to, so those packages serve it.
 */
package dev.mayfly.issuer.iam.policies;
