package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.api.AnalyzerEvents.AnalyzerCreated;
import dev.mayfly.issuer.api.AnalyzerEvents.AnalyzerDeleted;
import dev.mayfly.issuer.api.AnalyzerEvents.FindingStatusesUpdated;
import dev.mayfly.issuer.api.AnalyzerRef;
import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleEvents.RoleDeleted;
import dev.mayfly.issuer.api.RoleEvents.TrustPolicyUpdated;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.query.AnalyzerViews.ExposureHistory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The analyzers, and the roles' exposures through their lives, dated by the roles' own events. */
class AnalyzersProjectionTest {

    private static final RoleRef VENDOR = new RoleRef(ACCOUNT, "vendor");
    private static final String ARN = "arn:aws:iam::123456789012:role/vendor";
    private static final String TRUST_OTHER = """
            {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}""";
    private static final String TRUST_OWN = """
            {"Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]}""";
    private static final AnalyzerRef ANALYZER = new AnalyzerRef(ACCOUNT, "a");

    private static RoleCreated vendor(String trust) {
        return new RoleCreated(VENDOR, "/", "AROAVENDOR", ARN, trust, null, 3600, T, Map.of());
    }

    private static ExposureHistory only(AnalyzersProjection projection) {
        return projection.trustIn(ACCOUNT).getFirst().exposures().values().iterator().next();
    }

    @Test
    void onWhenTrustPolicyStopsLettingThePrincipalInThenResolvedAtThatChange() {
        AnalyzersProjection projection = given(new AnalyzersProjection(), vendor(TRUST_OTHER),
                new TrustPolicyUpdated(VENDOR, TRUST_OWN, Map.of(), T.plusSeconds(60)));
        ExposureHistory history = only(projection);
        assertThat(history.firstSeen()).isEqualTo(T);
        assertThat(history.resolvedAt()).isEqualTo(T.plusSeconds(60));
    }

    @Test
    void onWhenResolvedAccessReturnsThenActiveAgainSinceThenAndFirstSeenKept() {
        AnalyzersProjection projection = given(new AnalyzersProjection(), vendor(TRUST_OTHER),
                new TrustPolicyUpdated(VENDOR, TRUST_OWN, Map.of(), T.plusSeconds(60)),
                new TrustPolicyUpdated(VENDOR, TRUST_OTHER, Map.of(), T.plusSeconds(120)));
        ExposureHistory history = only(projection);
        assertThat(history.resolved()).isFalse();
        assertThat(history.firstSeen()).isEqualTo(T);
        assertThat(history.activeSince()).isEqualTo(T.plusSeconds(120));
    }

    @Test
    void onWhenRoleDeletedThenResolvedAndAnUpdateOfAStoredEventWithoutTimeKeepsTheLastAnalysis() {
        AnalyzersProjection deleted = given(new AnalyzersProjection(), vendor(TRUST_OTHER), new RoleDeleted(VENDOR, "AROAVENDOR", T.plusSeconds(5)));
        assertThat(only(deleted).resolvedAt()).isEqualTo(T.plusSeconds(5));
        AnalyzersProjection old = given(new AnalyzersProjection(), vendor(TRUST_OTHER), new TrustPolicyUpdated(VENDOR, TRUST_OWN, Map.of(), null));
        assertThat(only(old).resolvedAt()).isEqualTo(T);
    }

    @Test
    void onWhenAnalyzerCreatedUpdatedAndDeletedThenOnlyItsAccountSeesIt() {
        AnalyzersProjection projection = given(new AnalyzersProjection(),
                new AnalyzerCreated(ANALYZER, "arn:aws:access-analyzer:us-east-1:123456789012:analyzer/a", "ACCOUNT", T, null, null),
                new FindingStatusesUpdated(ANALYZER, List.of("f-1"), "ARCHIVED", T.plusSeconds(1)));
        assertThat(projection.analyzersIn(ACCOUNT).getFirst().statusUpdates().get("f-1").status()).isEqualTo("ARCHIVED");
        assertThat(projection.analyzersIn(OTHER_ACCOUNT)).isEmpty();
        projection.on(new AnalyzerDeleted(ANALYZER, T.plusSeconds(2)));
        assertThat(projection.analyzer(ANALYZER)).isEmpty();
    }
}
