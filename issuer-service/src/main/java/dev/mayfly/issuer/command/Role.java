package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.RoleCommands.CreateRole;
import dev.mayfly.issuer.api.RoleCommands.PutRolePolicy;
import dev.mayfly.issuer.api.RoleCommands.SetRolePermissionsBoundary;
import dev.mayfly.issuer.api.RoleCommands.UpdateAssumeRolePolicy;
import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleEvents.RolePermissionsBoundarySet;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyPut;
import dev.mayfly.issuer.api.RoleEvents.TrustPolicyUpdated;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.runtime.AwsServiceException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** An IAM role: its trust policy, session limit and inline policies. */
public class Role {

    static final int MIN_SESSION_DURATION = 3600;
    static final int MAX_SESSION_DURATION = 43200;

    @AggregateIdentifier
    private String id;
    private RoleRef ref;

    protected Role() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(CreateRole command) {
        if (command.maxSessionDuration() < MIN_SESSION_DURATION || command.maxSessionDuration() > MAX_SESSION_DURATION) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + command.maxSessionDuration()
                    + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between "
                    + MIN_SESSION_DURATION + " and " + MAX_SESSION_DURATION);
        }
        RoleRef role = command.role();
        apply(new RoleCreated(role, command.path(), command.roleId(),
                "arn:aws:iam::" + role.account().value() + ":role" + command.path() + role.roleName(),
                command.trustPolicy(), command.description(), command.maxSessionDuration(), command.at()));
    }

    @CommandHandler
    public void handle(UpdateAssumeRolePolicy command) {
        apply(new TrustPolicyUpdated(ref, command.trustPolicy()));
    }

    @CommandHandler
    public void handle(SetRolePermissionsBoundary command) {
        apply(new RolePermissionsBoundarySet(ref, command.policyArn()));
    }

    @CommandHandler
    public void handle(PutRolePolicy command) {
        apply(new RolePolicyPut(ref, command.policyName(), command.policyDocument()));
    }

    @EventSourcingHandler
    void on(RoleCreated event) {
        this.id = event.role().toString();
        this.ref = event.role();
    }
}
