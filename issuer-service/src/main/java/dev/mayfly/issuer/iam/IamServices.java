package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.query.IdentityDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** What IAM actions work with: the directory they read, the authorizer that decides, the gateway that changes state. */
public record IamServices(IdentityDirectory directory, Authorizer authorizer, CommandGateway commands) {
}
