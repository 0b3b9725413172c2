/**
 * The contract between Mayfly's services: Kafka topics and headers, the event envelope, the API-call
 * event that audit projects, and the revocation rule that issuers and verifiers enforce.
 *
 * <p>Owns: message shapes and their JSON form. Must not touch: any framework, any service's logic.
 * A change here is a change to every consumer: add fields, never repurpose them.
 */
package dev.mayfly.contract;
