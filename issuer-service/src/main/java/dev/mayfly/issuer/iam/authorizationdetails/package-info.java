/**
 * GetAccountAuthorizationDetails: every user, group and role of the caller's account with its inline and attached
 * policies, and the managed policies (the account's, and AWS's that it uses) with their versions, in one paged answer,
 * the snapshot IAM analyzers (PMapper, Cloudsplaining, Parliament) start from.
 *
 * <p>Owns: that snapshot's shape. Must not touch: state (it changes nothing), other accounts' entities.
 */
package dev.mayfly.issuer.iam.authorizationdetails;
