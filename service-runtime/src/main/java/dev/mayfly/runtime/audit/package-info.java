/**
 * The audited call, one frame for every endpoint of every service ({@link dev.mayfly.runtime.audit.AuditedEndpoint}), and
 * how its record is made durable ({@link dev.mayfly.runtime.audit.CallRecorder}): for services that keep no event store,
 * straight to mayfly.events, signed and acknowledged before the answer ({@link dev.mayfly.runtime.audit.ApiCallSender}).
 * The operator's trail also summarizes the feed records a service refused ({@link dev.mayfly.runtime.audit.FeedRefusalTrail}). It owns
 * the promises every endpoint makes (a record of every outcome, an AWS-shaped answer, never a stack trace); it must not
 * know any one protocol's or service's operations.
 */
package dev.mayfly.runtime.audit;
