/**
 * IAM (Version 2010-05-08), the subset STS needs: users, access keys, roles, inline policies. Each action
 * validates its parameters as IAM documents, authorizes the caller, then sends a command. The access key actions
 * without UserName act on the caller's own keys, the root user's included ({@link dev.mayfly.issuer.iam.AccessKeyOwner}).
 */
package dev.mayfly.issuer.iam;
