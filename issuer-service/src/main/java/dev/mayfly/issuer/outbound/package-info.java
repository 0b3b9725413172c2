/**
 * Outbound web identity federation: accounts' issuers ({@link dev.mayfly.issuer.outbound.OutboundIssuers}, an issuer URL
 * per account under the issuer's public URL), the JSON Web Tokens STS GetWebIdentityToken hands their principals
 * ({@link dev.mayfly.issuer.outbound.WebIdentityTokens}), and the public discovery documents relying parties verify them
 * with ({@link dev.mayfly.issuer.outbound.DiscoveryEndpoint}).
 *
 * <p>Owns: issuer URLs, token claims and signing, the discovery documents. Must not touch: the actions (IAM's in
 * {@code iam.account}, STS's in {@code sts}, which decide who may and call in here), the key ring's storage and rotation
 * ({@code keyrings}); never a private key or a token in a log, an event or an audit record.
 */
package dev.mayfly.issuer.outbound;
