/**
 * IAM roles: CreateRole, GetRole, UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy, DeleteRole, ListRoles, and what is attached to a
 * role (tags, inline and managed policies, permissions boundary), served by {@link dev.mayfly.issuer.iam.roles.RoleActions}.
 *
 * <p>Owns: the actions whose resource is a role. Must not touch: the other IAM resource packages (what several
 * resources share is in {@code dev.mayfly.issuer.iam}) or STS, which assumes roles from the directory.
 */
package dev.mayfly.issuer.iam.roles;
