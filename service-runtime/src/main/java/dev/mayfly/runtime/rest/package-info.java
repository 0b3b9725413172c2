/**
 * The operations of Mayfly's REST APIs (revocation rules, workloads) as tables of method, path template and name:
 * what an endpoint dispatches on is also what its service model and OpenAPI document are checked against, so that
 * a route cannot be served without being described, nor described without being served.
 *
 * <p>Owns: matching a request's method and path to an operation, and refusing a call of none. Must not touch:
 * authorization, auditing, bodies.
 */
package dev.mayfly.runtime.rest;
