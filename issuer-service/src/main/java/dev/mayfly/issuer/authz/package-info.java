/**
 * What a caller may do: identity policies evaluated for an action and resource, revocation rules for
 * sessions, and the endpoint through which the other services ask the same questions.
 */
package dev.mayfly.issuer.authz;
