/**
 * The workload agent: what runs beside an application that must never hold keys. ./mayfly agent serves a workload's
 * credentials IMDSv2-style from memory ({@link dev.mayfly.agent.MetadataAgent}), ./mayfly credential-process prints them
 * for a profile's credential_process line; both fetch them from the issuer with the workload's token
 * ({@link dev.mayfly.agent.WorkloadCredentials}).
 *
 * <p>Owns: fetching, caching and serving a workload's credentials on the application's machine. Must not touch: any
 * service's internals, Kafka, Elasticsearch, the embedded infrastructure, or the operator's commands (dev.mayfly.cli):
 * it ships beside applications, so it stays small and holds nothing but the workload's token. ArchitectureTest keeps it so.
 */
package dev.mayfly.agent;
