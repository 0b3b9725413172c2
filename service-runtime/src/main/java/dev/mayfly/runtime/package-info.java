/**
 * What every Mayfly service needs around its own logic: settings from the environment, an HTTP server
 * with a health endpoint and body limits, AWS error values, Kafka topic bootstrap, and the client side of
 * the issuer's request-authorization endpoint.
 *
 * <p>Owns: plumbing only. Must not touch: any service's domain, Axon, or the embedded infrastructure.
 */
package dev.mayfly.runtime;
