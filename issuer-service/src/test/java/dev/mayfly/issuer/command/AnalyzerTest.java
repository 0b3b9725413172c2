package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.AnalyzerCommands.CreateAnalyzer;
import dev.mayfly.issuer.api.AnalyzerCommands.DeleteAnalyzer;
import dev.mayfly.issuer.api.AnalyzerCommands.UpdateFindingStatuses;
import dev.mayfly.issuer.api.AnalyzerEvents.AnalyzerCreated;
import dev.mayfly.issuer.api.AnalyzerEvents.AnalyzerDeleted;
import dev.mayfly.issuer.api.AnalyzerEvents.FindingStatusesUpdated;
import dev.mayfly.issuer.api.AnalyzerRef;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

    private static final AnalyzerRef TRUST = new AnalyzerRef(AccountId.of("000000000001"), "trust");
    private static final String ARN = "arn:aws:access-analyzer:us-east-1:000000000001:analyzer/trust";
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
    private static final AnalyzerCreated CREATED = new AnalyzerCreated(TRUST, ARN, "ACCOUNT", T, Map.of(), List.of());

    private AggregateTestFixture<Analyzer> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Analyzer.class);
    }

    @Test
    void createAnalyzerWhenNameFreeThenCreatedAndWhenTakenThenConflictUntilDeleted() {
        fixture.givenNoPriorActivity().when(new CreateAnalyzer(TRUST, ARN, "ACCOUNT", T, Map.of(), List.of())).expectEvents(CREATED);
        fixture.given(CREATED).when(new CreateAnalyzer(TRUST, ARN, "ACCOUNT", T, Map.of(), List.of()))
                .expectException(AwsServiceException.class).expectExceptionMessage("Analyzer trust already exists.");
        fixture.given(CREATED, new AnalyzerDeleted(TRUST, T.plusSeconds(1)))
                .when(new CreateAnalyzer(TRUST, ARN, "ACCOUNT", T.plusSeconds(2), Map.of(), List.of()))
                .expectEvents(new AnalyzerCreated(TRUST, ARN, "ACCOUNT", T.plusSeconds(2), Map.of(), List.of()));
    }

    @Test
    void updateFindingStatusesWhenLiveThenUpdatedAndWhenDeletedThenNotFound() {
        fixture.given(CREATED).when(new UpdateFindingStatuses(TRUST, List.of("f-1"), "ARCHIVED", T))
                .expectEvents(new FindingStatusesUpdated(TRUST, List.of("f-1"), "ARCHIVED", T));
        fixture.given(CREATED, new AnalyzerDeleted(TRUST, T)).when(new UpdateFindingStatuses(TRUST, List.of("f-1"), "ARCHIVED", T))
                .expectException(AwsServiceException.class).expectExceptionMessage("Analyzer trust not found.");
        fixture.given(CREATED, new AnalyzerDeleted(TRUST, T)).when(new DeleteAnalyzer(TRUST, T))
                .expectException(AwsServiceException.class);
    }
}
