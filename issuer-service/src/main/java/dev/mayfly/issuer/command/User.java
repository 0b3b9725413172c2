package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.api.UserCommands.CreateAccessKey;
import dev.mayfly.issuer.api.UserCommands.CreateUser;
import dev.mayfly.issuer.api.UserCommands.DeleteAccessKey;
import dev.mayfly.issuer.api.UserCommands.DeleteUser;
import dev.mayfly.issuer.api.UserCommands.DeleteUserPolicy;
import dev.mayfly.issuer.api.UserCommands.PutUserPolicy;
import dev.mayfly.issuer.api.UserCommands.SetUserPermissionsBoundary;
import dev.mayfly.issuer.api.UserCommands.TagUser;
import dev.mayfly.issuer.api.UserCommands.ReceiveRenamedUser;
import dev.mayfly.issuer.api.UserCommands.RenameUser;
import dev.mayfly.issuer.api.UserCommands.UntagUser;
import dev.mayfly.issuer.api.UserCommands.UpdateUserPath;
import dev.mayfly.issuer.api.UserCommands.UserHandover;
import dev.mayfly.issuer.api.UserCommands.UpdateAccessKey;
import dev.mayfly.issuer.api.UserEvents.AccessKeyCreated;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPathChanged;
import dev.mayfly.issuer.api.UserEvents.UserRenamed;
import dev.mayfly.issuer.api.UserEvents.UserRenamedFrom;
import dev.mayfly.issuer.api.UserEvents.UserPermissionsBoundarySet;
import dev.mayfly.issuer.api.UserEvents.UserPolicyDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPolicyPut;
import dev.mayfly.issuer.api.UserEvents.UserTagged;
import dev.mayfly.issuer.api.UserEvents.UserUntagged;
import dev.mayfly.issuer.api.UserRef;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * An IAM user: its access keys and inline policies. The stream is the user's name, so a user deleted and created
 * again continues the same stream: each UserCreated starts a new life with a new user id.
 */
public class User {

    @AggregateIdentifier
    private String id;
    private UserRef ref;
    private boolean live;
    private String userId;
    private String path;
    /** The user's access keys, and whether each is active. */
    private final Map<String, Boolean> accessKeys = new LinkedHashMap<>();
    private final Set<String> policyNames = new HashSet<>();
    private Map<String, String> tags = Map.of();

    protected User() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateUser command) {
        UserRef user = command.user();
        if (live) {
            throw IamErrors.entityAlreadyExists("User with name " + user.userName() + " already exists.");
        }
        apply(new UserCreated(user, command.path(), command.userId(),
                "arn:aws:iam::" + user.account().value() + ":user" + command.path() + user.userName(), command.at()));
        tag(command.tags());
    }

    @CommandHandler
    public void handle(CreateAccessKey command) {
        requireLive();
        if (accessKeys.size() >= IamErrors.MAX_ACCESS_KEYS) {
            throw IamErrors.accessKeyQuotaExceeded();
        }
        apply(new AccessKeyCreated(ref, command.accessKeyId(), command.at()));
    }

    @CommandHandler
    public void handle(UpdateAccessKey command) {
        requireLive();
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
        requireLive();
        if (!accessKeys.containsKey(command.accessKeyId())) {
            throw IamErrors.accessKeyNotFound(command.accessKeyId());
        }
        apply(new AccessKeyDeleted(ref, command.accessKeyId(), command.at()));
    }

    @CommandHandler
    public void handle(SetUserPermissionsBoundary command) {
        requireLive();
        apply(new UserPermissionsBoundarySet(ref, command.policyArn()));
    }

    @CommandHandler
    public void handle(PutUserPolicy command) {
        requireLive();
        apply(new UserPolicyPut(ref, command.policyName(), command.policyDocument()));
    }

    @CommandHandler
    public void handle(DeleteUserPolicy command) {
        requireLive();
        if (!policyNames.contains(command.policyName())) {
            throw IamErrors.inlinePolicyNotFound("user", command.policyName());
        }
        apply(new UserPolicyDeleted(ref, command.policyName()));
    }

    @CommandHandler
    public void handle(DeleteUser command) {
        requireLive();
        if (!accessKeys.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete access keys first.");
        }
        if (!policyNames.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        apply(new UserDeleted(ref, userId, command.at()));
    }

    @CommandHandler
    public void handle(TagUser command) {
        requireLive();
        tag(command.tags());
    }

    private void tag(Map<String, String> added) {
        Tagging.additions(tags, added, "TagsPerUser").ifPresent(additions -> apply(new UserTagged(ref, additions)));
    }

    @CommandHandler
    public void handle(UntagUser command) {
        requireLive();
        Tagging.removals(tags, command.tagKeys()).ifPresent(keys -> apply(new UserUntagged(ref, keys)));
    }

    @CommandHandler
    public void handle(UpdateUserPath command) {
        requireLive();
        if (!command.path().equals(path)) {
            apply(new UserPathChanged(ref, command.path(), "arn:aws:iam::" + ref.account().value() + ":user" + command.path() + ref.userName()));
        }
    }

    @CommandHandler
    public UserHandover handle(RenameUser command) {
        requireLive();
        UserHandover handover = new UserHandover(userId, accessKeys, policyNames, tags);
        apply(new UserRenamed(ref, command.to(), command.path(), arn(command.to(), command.path())));
        return handover;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReceiveRenamedUser command) {
        if (live) {
            throw IamErrors.entityAlreadyExists("User with name " + command.user().userName() + " already exists.");
        }
        UserHandover handover = command.handover();
        apply(new UserRenamedFrom(command.user(), command.from(), command.path(), handover.userId(), arn(command.user(), command.path()),
                handover.accessKeys(), handover.policyNames(), handover.tags(), command.createdAt()));
    }

    private static String arn(UserRef user, String path) {
        return "arn:aws:iam::" + user.account().value() + ":user" + path + user.userName();
    }

    /** A command for a user that does not exist (never created, or deleted) finds no such entity. */
    private void requireLive() {
        if (!live) {
            throw IamErrors.userNotFound(ref.userName());
        }
    }

    @EventSourcingHandler
    void on(UserCreated event) {
        this.id = event.user().toString();
        this.ref = event.user();
        this.userId = event.userId();
        this.path = event.path();
        this.live = true;
    }

    @EventSourcingHandler
    void on(UserRenamedFrom event) {
        this.id = event.user().toString();
        this.ref = event.user();
        this.userId = event.userId();
        this.path = event.path();
        accessKeys.clear();
        accessKeys.putAll(event.accessKeys());
        policyNames.clear();
        policyNames.addAll(event.policyNames());
        tags = Map.copyOf(event.tags());
        this.live = true;
    }

    /** Renamed to a name of another stream: this one's user is gone and its name free; in case only: the same user. */
    @EventSourcingHandler
    void on(UserRenamed event) {
        if (event.to().toString().equals(id)) {
            this.ref = event.to();
            this.path = event.path();
        } else {
            live = false;
            accessKeys.clear();
            policyNames.clear();
            tags = Map.of();
        }
    }

    @EventSourcingHandler
    void on(UserPathChanged event) {
        this.path = event.path();
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

    @EventSourcingHandler
    void on(UserPolicyPut event) {
        policyNames.add(event.policyName());
    }

    @EventSourcingHandler
    void on(UserPolicyDeleted event) {
        policyNames.remove(event.policyName());
    }

    @EventSourcingHandler
    void on(UserDeleted event) {
        live = false;
        tags = Map.of();
    }

    @EventSourcingHandler
    void on(UserTagged event) {
        tags = Tagging.merged(tags, event.tags());
    }

    @EventSourcingHandler
    void on(UserUntagged event) {
        tags = Tagging.without(tags, event.tagKeys());
    }
}
