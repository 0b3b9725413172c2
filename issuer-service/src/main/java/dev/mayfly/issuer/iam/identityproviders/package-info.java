/**
 * IAM identity providers that STS federates with: OpenID Connect providers
 * ({@link dev.mayfly.issuer.iam.identityproviders.OidcProviderActions}) and SAML providers
 * ({@link dev.mayfly.issuer.iam.identityproviders.SamlProviderActions}), with their tags.
 *
 * <p>Owns: the actions whose resource is an identity provider. Must not touch: the other IAM resource packages, or
 * STS's verification of tokens and assertions (it reads providers from the directory).
 */
package dev.mayfly.issuer.iam.identityproviders;
