/**
 * IAM access keys: Create, List, Update, Delete and GetAccessKeyLastUsed, served by
 * {@link dev.mayfly.issuer.iam.accesskeys.AccessKeyActions}. Without UserName they act on the caller's own keys, the
 * root user's included ({@link dev.mayfly.issuer.iam.accesskeys.AccessKeyOwner}).
 *
 * <p>Owns: the access key actions and the secrets' one appearance (CreateAccessKey's answer; they are sealed in the
 * vault). Must not touch: the other IAM resource packages, STS; a secret never reaches a log, an event or an audit
 * record.
 */
package dev.mayfly.issuer.iam.accesskeys;
