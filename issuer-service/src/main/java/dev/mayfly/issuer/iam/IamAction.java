package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.query.IdentityDirectory;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * An IAM action, with the services every IAM action works with: what every IAM action extends, named by its AWS
 * action name in its own source (so that a search for the name finds it).
 */
public abstract class IamAction extends DeclaredAction {

    protected final IdentityDirectory directory;
    protected final Authorizer authorizer;
    protected final CommandGateway commands;
    protected final IamServices services;

    protected IamAction(String name, boolean readOnly, IamServices services) {
        super(name, AwsService.IAM, readOnly);
        this.directory = services.directory();
        this.authorizer = services.authorizer();
        this.commands = services.commands();
        this.services = services;
    }

    /**
     * Authorizes creating an entity; with tags, the request's tags are condition keys and tagging must be allowed
     * too, as IAM requires.
     */
    protected void authorizeCreation(ActionContext context, String createAction, String tagAction, String arn, Map<String, String> tags) {
        ActionContext tagged = context.withRequestKeys(tags.isEmpty() ? Map.of() : Tags.requestConditionKeys(tags));
        authorizer.authorize(context.caller(), createAction, arn, tagged.conditionKeys());
        if (!tags.isEmpty()) {
            authorizer.authorize(context.caller(), tagAction, arn, tagged.conditionKeys());
        }
    }
}
