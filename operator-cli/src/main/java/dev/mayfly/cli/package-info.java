/**
 * The operator's and auditor's commands of ./mayfly against running services: accounts, session and admin keys,
 * service credentials, revocation rules, audit validation and rebuild, workloads, status and version; and the clients
 * they share with the load generators: SigV4-signed calls ({@link dev.mayfly.cli.QueryClient}), the admin API
 * ({@link dev.mayfly.cli.AdminClient}), where each service's management port is ({@link dev.mayfly.cli.ManagementUrls}).
 *
 * <p>Owns: talking to a running platform on an operator's behalf, and saying what went wrong in one sentence
 * ({@link dev.mayfly.cli.CliException}). Must not touch: the embedded infrastructure or dev mode (dev.mayfly.dev), nor
 * the load generators (dev.mayfly.load); it reads the services' settings only to find them. ArchitectureTest keeps it so.
 */
package dev.mayfly.cli;
