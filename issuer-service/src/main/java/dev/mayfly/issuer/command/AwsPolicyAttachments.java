package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.PolicyCommands.AttachAwsPolicy;
import dev.mayfly.issuer.api.PolicyCommands.DetachAwsPolicy;
import dev.mayfly.issuer.api.PolicyEvents.AwsPolicyAttached;
import dev.mayfly.issuer.api.PolicyEvents.AwsPolicyDetached;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * What one AWS-managed policy is attached to in one account. The policy itself is AWS's, the same for every account and
 * never changed by one, so only its attachments are events; a stream per account keeps one tenant's attachments out of
 * every other's. Attaching twice changes nothing, as IAM answers both with success.
 */
public class AwsPolicyAttachments {

    @AggregateIdentifier
    private String id;
    private final Set<String> attachments = new HashSet<>();

    protected AwsPolicyAttachments() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AttachAwsPolicy command) {
        if (!attachments.contains(key(command.entityType(), command.entityName()))) {
            apply(new AwsPolicyAttached(command.policy(), command.entityType(), command.entityName()));
        }
    }

    @CommandHandler
    public void handle(DetachAwsPolicy command) {
        if (!attachments.contains(key(command.entityType(), command.entityName()))) {
            String name = command.policy().arn().substring(command.policy().arn().lastIndexOf('/') + 1);
            throw IamErrors.noSuchEntity("Policy " + name + " was not found attached to " + command.entityName() + ".");
        }
        apply(new AwsPolicyDetached(command.policy(), command.entityType(), command.entityName()));
    }

    private static String key(Object type, String name) {
        return type + "/" + name.toLowerCase(Locale.ROOT);
    }

    @EventSourcingHandler
    void on(AwsPolicyAttached event) {
        this.id = event.policy().toString();
        attachments.add(key(event.entityType(), event.entityName()));
    }

    @EventSourcingHandler
    void on(AwsPolicyDetached event) {
        attachments.remove(key(event.entityType(), event.entityName()));
    }
}
