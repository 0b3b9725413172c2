/**
 * IAM groups: CreateGroup, GetGroup, UpdateGroup (its path), DeleteGroup, ListGroups, their members (AddUserToGroup, RemoveUserFromGroup) and
 * their inline and managed policies, served by {@link dev.mayfly.issuer.iam.groups.GroupActions}.
 *
 * <p>Owns: the actions whose resource is a group. Must not touch: the other IAM resource packages (what several
 * resources share is in {@code dev.mayfly.issuer.iam}) or STS.
 */
package dev.mayfly.issuer.iam.groups;
