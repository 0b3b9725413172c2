/**
 * An example resource server: a notes service (GET and PUT /notes/NAME) that accepts requests signed with Mayfly
 * session credentials for the service name "notes" and lets the verifier library decide each one (notes:GetNote,
 * notes:PutNote on arn:aws:notes:::note/NAME). It shows how a resource server uses the verifier; it keeps its notes
 * in memory.
 */
package dev.mayfly.example;
