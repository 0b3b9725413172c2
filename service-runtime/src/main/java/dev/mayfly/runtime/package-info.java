/**
 * What every Mayfly service needs around its own logic: settings from the environment, an HTTP server
 * with liveness and readiness probes, body limits and a drain when it stops, TLS for every service in one shape (the server's key,
 * {@link dev.mayfly.runtime.TlsSettings}; what clients trust, {@link dev.mayfly.runtime.TlsTrust}), AWS error values,
 * Kafka topic bootstrap, and the client side of the issuer's request-authorization endpoint, which passes on whether
 * a request came over TLS (aws:SecureTransport).
 *
 * <p>Owns: plumbing only. Must not touch: any service's domain, Axon, or the embedded infrastructure.
 */
package dev.mayfly.runtime;
