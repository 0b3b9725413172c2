package dev.mayfly.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionTest {

    @ParameterizedTest(name = "{0} combined with {1} -> {2}, intersected -> {3}")
    @CsvSource(textBlock = """
            ALLOW,          ALLOW,          ALLOW,          ALLOW
            ALLOW,          NOT_APPLICABLE, ALLOW,          NOT_APPLICABLE
            NOT_APPLICABLE, ALLOW,          ALLOW,          NOT_APPLICABLE
            NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE
            ALLOW,          EXPLICIT_DENY,  EXPLICIT_DENY,  EXPLICIT_DENY
            EXPLICIT_DENY,  ALLOW,          EXPLICIT_DENY,  EXPLICIT_DENY
            EXPLICIT_DENY,  NOT_APPLICABLE, EXPLICIT_DENY,  EXPLICIT_DENY
            """)
    void combineAndIntersectWhenDecisionsThenAsIamEvaluates(Decision first, Decision second, Decision combined, Decision intersected) {
        assertThat(first.combine(second)).isEqualTo(combined);
        assertThat(first.intersect(second)).isEqualTo(intersected);
    }
}
