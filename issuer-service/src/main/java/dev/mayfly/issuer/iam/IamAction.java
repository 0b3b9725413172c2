package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** An IAM action, with the services every IAM action works with. */
abstract class IamAction extends DeclaredAction {

    protected final IdentityDirectory directory;
    protected final Authorizer authorizer;
    protected final CommandGateway commands;

    IamAction(String name, boolean readOnly, IamServices services) {
        super(name, AwsService.IAM, readOnly);
        this.directory = services.directory();
        this.authorizer = services.authorizer();
        this.commands = services.commands();
    }
}
