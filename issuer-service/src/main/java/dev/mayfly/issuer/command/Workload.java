package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.api.WorkloadCommands.DeleteWorkload;
import dev.mayfly.issuer.api.WorkloadCommands.RegisterWorkload;
import dev.mayfly.issuer.api.WorkloadCommands.RevokeWorkloadToken;
import dev.mayfly.issuer.api.WorkloadCommands.RotateWorkloadToken;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadDeleted;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadRegistered;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadTokenRevoked;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadTokenRotated;
import dev.mayfly.issuer.api.WorkloadRef;
import dev.mayfly.runtime.AwsServiceException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A workload: the role it runs as and what may ask for that role's credentials: one bootstrap token, or the tokens of
 * one Kubernetes service account issued by an OpenID Connect provider of the account. The stream is
 * the workload's name; one deleted and registered again starts a new life with a new id, and its old token stays dead.
 */
public class Workload {

    @AggregateIdentifier
    private String id;
    private WorkloadRef ref;
    private String workloadId;
    private boolean live;
    private boolean hasToken;
    private boolean oidc;

    protected Workload() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterWorkload command) {
        if (live) {
            throw IamErrors.entityAlreadyExists("Workload with name " + command.workload().name() + " already exists.");
        }
        if (!command.roleArn().account().equals(command.workload().account())) {
            throw AwsServiceException.validation("A workload runs as a role of its own account: " + command.roleArn() + " is not.");
        }
        if ((command.tokenHash() == null) == (command.oidcIdentity() == null)) {
            throw new IllegalArgumentException("a workload proves itself with a bootstrap token or an OIDC identity, one of the two");
        }
        if (command.oidcIdentity() != null && OidcProviderRef.parseArn(command.oidcIdentity().providerArn())
                .filter(provider -> provider.account().equals(command.workload().account())).isEmpty()) {
            throw AwsServiceException.validation("A workload trusts an OpenID Connect provider of its own account: "
                    + command.oidcIdentity().providerArn() + " is not.");
        }
        apply(new WorkloadRegistered(command.workload(), command.workloadId(), command.workload().arn(), command.roleArn().toString(),
                command.sessionName(), command.durationSeconds(), command.allowedSourceCidrs(), command.tokenHash(), command.at(),
                command.registeredBy(), command.oidcIdentity()));
    }

    @CommandHandler
    public void handle(RotateWorkloadToken command) {
        requireLive();
        requireBootstrapToken();
        apply(new WorkloadTokenRotated(ref, workloadId, command.tokenHash(), command.at(), command.by()));
    }

    /** Revoking a token that is already gone changes nothing, and says so by recording nothing. */
    @CommandHandler
    public void handle(RevokeWorkloadToken command) {
        requireLive();
        requireBootstrapToken();
        if (hasToken) {
            apply(new WorkloadTokenRevoked(ref, workloadId, command.at(), command.by()));
        }
    }

    @CommandHandler
    public void handle(DeleteWorkload command) {
        requireLive();
        apply(new WorkloadDeleted(ref, workloadId, command.at(), command.by()));
    }

    private void requireLive() {
        if (!live) {
            throw IamErrors.noSuchEntity("The workload with name " + ref.name() + " cannot be found.");
        }
    }

    /** A workload with an OIDC identity has no bootstrap token to rotate or revoke: its tokens come from its issuer. */
    private void requireBootstrapToken() {
        if (oidc) {
            throw AwsServiceException.validation("Workload " + ref.name() + " proves itself with its OIDC identity's tokens; it has no "
                    + "bootstrap token to rotate or revoke (delete the workload to stop it).");
        }
    }

    @EventSourcingHandler
    void on(WorkloadRegistered event) {
        this.id = event.workload().toString();
        this.ref = event.workload();
        this.workloadId = event.workloadId();
        this.live = true;
        this.oidc = event.oidcIdentity() != null;
        this.hasToken = !oidc;
    }

    @EventSourcingHandler
    void on(WorkloadTokenRotated event) {
        hasToken = true;
    }

    @EventSourcingHandler
    void on(WorkloadTokenRevoked event) {
        hasToken = false;
    }

    @EventSourcingHandler
    void on(WorkloadDeleted event) {
        live = false;
        hasToken = false;
    }
}
