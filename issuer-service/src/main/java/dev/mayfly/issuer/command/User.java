package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.UserCommands.CreateAccessKey;
import dev.mayfly.issuer.api.UserCommands.CreateUser;
import dev.mayfly.issuer.api.UserCommands.DeleteAccessKey;
import dev.mayfly.issuer.api.UserCommands.UpdateAccessKey;
import dev.mayfly.issuer.api.UserCommands.PutUserPolicy;
import dev.mayfly.issuer.api.UserCommands.SetUserPermissionsBoundary;
import dev.mayfly.issuer.api.UserEvents.AccessKeyCreated;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserPermissionsBoundarySet;
import dev.mayfly.issuer.api.UserEvents.UserPolicyPut;
import dev.mayfly.issuer.api.UserRef;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** An IAM user: its access keys and inline policies. */
public class User {

    /** IAM's quota: AccessKeysPerUser. */
    static final int MAX_ACCESS_KEYS = 2;

    @AggregateIdentifier
    private String id;
    private UserRef ref;
    /** The user's access keys, and whether each is active. */
    private final Map<String, Boolean> accessKeys = new LinkedHashMap<>();

    protected User() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(CreateUser command) {
        UserRef user = command.user();
        apply(new UserCreated(user, command.path(), command.userId(),
                "arn:aws:iam::" + user.account().value() + ":user" + command.path() + user.userName(), command.at()));
    }

    @CommandHandler
    public void handle(CreateAccessKey command) {
        if (accessKeys.size() >= MAX_ACCESS_KEYS) {
            throw IamErrors.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + MAX_ACCESS_KEYS);
        }
        apply(new AccessKeyCreated(ref, command.accessKeyId(), command.at()));
    }

    @CommandHandler
    public void handle(UpdateAccessKey command) {
        Boolean active = accessKeys.get(command.accessKeyId());
        if (active == null) {
            throw IamErrors.accessKeyNotFound(command.accessKeyId());
        }
        if (active != command.active()) {
            apply(new AccessKeyStatusChanged(ref, command.accessKeyId(), command.active(), command.at()));
        }
    }

    @CommandHandler
    public void handle(DeleteAccessKey command) {
        if (!accessKeys.containsKey(command.accessKeyId())) {
            throw IamErrors.accessKeyNotFound(command.accessKeyId());
        }
        apply(new AccessKeyDeleted(ref, command.accessKeyId(), command.at()));
    }

    @CommandHandler
    public void handle(SetUserPermissionsBoundary command) {
        apply(new UserPermissionsBoundarySet(ref, command.policyArn()));
    }

    @CommandHandler
    public void handle(PutUserPolicy command) {
        apply(new UserPolicyPut(ref, command.policyName(), command.policyDocument()));
    }

    @EventSourcingHandler
    void on(UserCreated event) {
        this.id = event.user().toString();
        this.ref = event.user();
    }

    @EventSourcingHandler
    void on(AccessKeyCreated event) {
        accessKeys.put(event.accessKeyId(), true);
    }

    @EventSourcingHandler
    void on(AccessKeyStatusChanged event) {
        accessKeys.put(event.accessKeyId(), event.active());
    }

    @EventSourcingHandler
    void on(AccessKeyDeleted event) {
        accessKeys.remove(event.accessKeyId());
    }
}
