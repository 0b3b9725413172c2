/**
 * Files that hold secrets: the session-token and credential-vault key rings, the admin token, the audit digest
 * signing key, the dev-mode credentials. {@link dev.mayfly.privatefiles.PrivateFiles} writes them owner-only and
 * atomically (a temporary file beside the target, then a rename) and refuses to load one that its group or others
 * may access.
 *
 * <p>Owns: how secret files are written and checked. Must not touch: what the files hold, and any framework.
 */
package dev.mayfly.privatefiles;
