/**
 * What IAM keeps of the account as a whole: its alias (CreateAccountAlias, DeleteAccountAlias, ListAccountAliases),
 * GetAccountSummary's counts and quotas, and its outbound web identity federation (Enable/DisableOutboundWebIdentity
 * Federation, GetOutboundWebIdentityFederationInfo: its issuer URL comes from {@code dev.mayfly.issuer.outbound}), served by {@link dev.mayfly.issuer.iam.account.AccountActions}.
 *
 * <p>Owns: the actions whose resource is the account itself. Must not touch: the other IAM resource packages (the
 * summary reads their entities from the directory, never their actions), STS, or the operator's account provisioning
 * ({@code dev.mayfly.issuer.admin}).
 */
package dev.mayfly.issuer.iam.account;
