package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.AccessAnalyzerErrors;
import dev.mayfly.issuer.api.AnalyzerCommands.CreateAnalyzer;
import dev.mayfly.issuer.api.AnalyzerCommands.DeleteAnalyzer;
import dev.mayfly.issuer.api.AnalyzerCommands.UpdateFindingStatuses;
import dev.mayfly.issuer.api.AnalyzerEvents.AnalyzerCreated;
import dev.mayfly.issuer.api.AnalyzerEvents.AnalyzerDeleted;
import dev.mayfly.issuer.api.AnalyzerEvents.FindingStatusesUpdated;
import dev.mayfly.issuer.api.AnalyzerRef;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * An IAM Access Analyzer analyzer: its stream keeps its name unique in the account (two CreateAnalyzer racing for one
 * name cannot both win) and what its users decided of its findings. A deleted analyzer's name may be taken again.
 */
public class Analyzer {

    @AggregateIdentifier
    private String id;
    private AnalyzerRef ref;
    private boolean live;

    protected Analyzer() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateAnalyzer command) {
        if (live) {
            throw AccessAnalyzerErrors.conflict("Analyzer " + command.analyzer().analyzerName() + " already exists.");
        }
        apply(new AnalyzerCreated(command.analyzer(), command.arn(), command.type(), command.at(), command.tags(),
                command.archiveRules()));
    }

    @CommandHandler
    public void handle(DeleteAnalyzer command) {
        requireLive();
        apply(new AnalyzerDeleted(ref, command.at()));
    }

    @CommandHandler
    public void handle(UpdateFindingStatuses command) {
        requireLive();
        apply(new FindingStatusesUpdated(ref, command.findingIds(), command.status(), command.at()));
    }

    private void requireLive() {
        if (!live) {
            throw AccessAnalyzerErrors.analyzerNotFound(ref.analyzerName());
        }
    }

    @EventSourcingHandler
    void on(AnalyzerCreated event) {
        this.id = event.analyzer().toString();
        this.ref = event.analyzer();
        this.live = true;
    }

    @EventSourcingHandler
    void on(AnalyzerDeleted event) {
        this.live = false;
    }
}
