/**
 * An example resource server: a notes service (GET and PUT /notes/ACCOUNT/NAME) that accepts requests signed with
 * Mayfly session credentials for the service name "notes" and lets the verifier library decide each one (notes:GetNote,
 * notes:PutNote on arn:aws:notes:::note/NAME, a resource of ACCOUNT). It shows how a resource server uses the verifier,
 * telling it which account owns a resource whose ARN names none; it keeps its notes in memory.
 */
package dev.mayfly.example;
