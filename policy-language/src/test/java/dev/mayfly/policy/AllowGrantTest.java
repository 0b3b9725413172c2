package dev.mayfly.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Allow statements of a trust policy as an analysis of whom it lets in reads them. */
class AllowGrantTest {

    @Test
    void allowGrantsWhenTrustPolicyThenAllowStatementsOnlyWithPrincipalsActionsAndConditionsAsWritten() {
        List<AllowGrant> grants = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":"*","Action":"sts:Assume*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":["o-1","o-2"]}}},
                 {"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"},
                 {"Effect":"Allow","NotPrincipal":{"Federated":"x"},"NotAction":"sts:AssumeRoleWithSAML"}]}""").allowGrants();
        assertThat(grants).hasSize(2);
        AllowGrant anyone = grants.getFirst();
        assertThat(anyone.principals()).isEqualTo(Map.of("AWS", List.of("*")));
        assertThat(anyone.allowsAction("STS:AssumeRoleWithWebIdentity")).isTrue();
        assertThat(anyone.conditions()).containsExactly(new AllowGrant.GrantCondition("StringNotEquals", true, true,
                "aws:PrincipalOrgID", List.of("o-1", "o-2")));
        AllowGrant everyoneBut = grants.get(1);
        assertThat(everyoneBut.notPrincipal()).isTrue();
        assertThat(everyoneBut.allowsAction("sts:AssumeRole")).isTrue();
        assertThat(everyoneBut.allowsAction("sts:AssumeRoleWithSAML")).isFalse();
    }
}
