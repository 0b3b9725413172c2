/**
 * IAM (Version 2010-05-08), the subset STS needs: users, access keys, roles, inline policies. Each action
 * validates its parameters as IAM documents, authorizes the caller, then sends a command.
 */
package dev.mayfly.issuer.iam;
