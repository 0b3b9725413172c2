/**
 * AWS-managed policies: the most used of the policies AWS publishes under arn:aws:iam::aws:policy/..., with their
 * documents and metadata as AWS publishes them, shipped as resources (catalog.json, documents/NAME.json; NOTICE says
 * where they came from and scripts/aws-managed-policies.py refreshes them). They are the same for every account, so
 * they are data of the build, not events of an account: the issuer and every verifier read the same documents from
 * this module, and the policy feed names an AWS-managed policy by ARN and version rather than sending its document.
 *
 * <p>Owns: which AWS-managed policies exist, their documents (read and parsed once, on first use) and metadata.
 * Must not touch: accounts, attachments, decisions (the issuer's and the verifiers' business).
 */
package dev.mayfly.awspolicies;
