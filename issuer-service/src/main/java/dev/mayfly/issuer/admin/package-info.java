/**
 * Operating the platform: tenants (accounts) are created here, by the operator holding the admin token,
 * never through the AWS APIs.
 */
package dev.mayfly.issuer.admin;
