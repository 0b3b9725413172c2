/**
 * ./mayfly: the whole platform on one machine with embedded real infrastructure ({@code ./mayfly dev}),
 * and the admin commands that talk to it ({@code ./mayfly account create NAME}).
 *
 * <p>Owns: the command line and dev mode's lifecycle. Must not be a dependency of any service: it is the
 * one place where services and embedded infrastructure meet.
 */
package dev.mayfly.dev;
