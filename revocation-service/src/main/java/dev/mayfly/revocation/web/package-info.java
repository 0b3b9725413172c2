/**
 * The rules API, JSON over HTTP, SigV4-signed for the service name "revocation": POST /rules, GET /rules,
 * DELETE /rules/{id}. Actions revocation:CreateRule, revocation:ListRules, revocation:LiftRule, authorized
 * by the issuer. A tenant can only make, see and lift rules of its own account.
 */
package dev.mayfly.revocation.web;
