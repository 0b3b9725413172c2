/**
 * IAM users: CreateUser, GetUser, UpdateUser (its path), DeleteUser, ListUsers, ListGroupsForUser, and what is attached to a user (its tags,
 * inline and managed policies, permissions boundary), served by {@link dev.mayfly.issuer.iam.users.UserActions}; and
 * the user's credentials Mayfly does not keep (login profile, SSH keys, signing certificates, service-specific
 * credentials), answered as IAM answers for a user who has none.
 *
 * <p>Owns: the actions whose resource is a user. Must not touch: the other IAM resource packages (what several
 * resources share is in {@code dev.mayfly.issuer.iam}), STS, or the aggregates' state other than through commands.
 * A user's access keys and MFA devices are theirs ({@code accesskeys}, {@code mfadevices}); membership changes are the
 * group's ({@code groups}).
 */
package dev.mayfly.issuer.iam.users;
