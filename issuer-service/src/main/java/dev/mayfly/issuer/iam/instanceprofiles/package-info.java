/**
 * IAM instance profiles: CreateInstanceProfile, GetInstanceProfile, DeleteInstanceProfile, ListInstanceProfiles,
 * AddRoleToInstanceProfile, RemoveRoleFromInstanceProfile, ListInstanceProfilesForRole and the profiles' tags, served
 * by {@link dev.mayfly.issuer.iam.instanceprofiles.InstanceProfileActions}. Mayfly runs no instances: a profile is what
 * infrastructure-as-code tools create, read and destroy beside the role it holds, kept as IAM keeps it.
 *
 * <p>Owns: the actions whose resource is an instance profile, and ListInstanceProfilesForRole. Must not touch: the other
 * IAM resource packages (DeleteRole's refusal while a role is in a profile is the roles package's, from the directory)
 * or STS.
 */
package dev.mayfly.issuer.iam.instanceprofiles;
