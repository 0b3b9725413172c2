/**
 * The issuer's messages, as records: typed identifiers, commands and the events they produce. Events
 * are the issuer's state: they go to the event store and, through it, to Kafka. They never hold a
 * secret (secrets live sealed in the credential vault).
 */
package dev.mayfly.issuer.api;
