/**
 * Credential material: identifiers in AWS's formats (AKIA, ASIA, AIDA, AROA), random secrets, and the
 * vault that keeps long-term secrets sealed at rest.
 */
package dev.mayfly.issuer.credentials;
