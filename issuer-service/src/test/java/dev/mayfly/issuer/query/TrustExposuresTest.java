package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.query.AnalyzerViews.TrustExposure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who from outside the account a trust policy lets in, as Access Analyzer reports it. */
class TrustExposuresTest {

    private static List<TrustExposure> of(String statements) {
        return TrustExposures.of("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", ACCOUNT);
    }

    @Test
    void ofWhenPrincipalsAreTheAccountsOwnOrServicesThenNoExposure() {
        assertThat(of("""
                {"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::123456789012:root","arn:aws:iam::123456789012:user/a"],
                 "Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}""")).isEmpty();
    }

    @Test
    void ofWhenAnotherAccountsRootOrRoleThenTheAccountIdOrTheArnAsFindingsShowThem() {
        assertThat(of("""
                {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::444455556666:role/x"]},"Action":"sts:AssumeRole"}"""))
                .extracting(TrustExposure::principalValue).containsExactly("111122223333", "arn:aws:iam::444455556666:role/x");
    }

    @Test
    void ofWhenActionsAreWildcardsOrNotActionThenTheAssumeActionsTheyAllow() {
        assertThat(of("""
                {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:*"}""").getFirst().actions())
                .containsExactly("sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity");
        assertThat(of("""
                {"Effect":"Allow","Principal":{"AWS":"111122223333"},"NotAction":"sts:AssumeRoleWith*"}""").getFirst().actions())
                .containsExactly("sts:AssumeRole");
        assertThat(of("""
                {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:TagSession"}""")).isEmpty();
        assertThat(of("""
                {"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}""")).isEmpty();
    }

    @Test
    void ofWhenNotPrincipalThenAnyoneAndPublic() {
        TrustExposure exposure = of("""
                {"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}""").getFirst();
        assertThat(exposure.principalValue()).isEqualTo("*");
        assertThat(exposure.isPublic()).isTrue();
    }

    @Test
    void ofWhenStarIsLimitedThenNotPublicAndWhenBoundToTheAccountThenNoExposure() {
        assertThat(of("""
                {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"e"}}}""")
                .getFirst().isPublic()).isFalse();
        assertThat(of("""
                {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-1"}}}""")
                .getFirst().isPublic()).as("a negated condition lets almost anyone in").isTrue();
        assertThat(of("""
                {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""")
                .getFirst().isPublic()).as("anyone can have MFA").isTrue();
        assertThat(of("""
                {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/*"}}}"""))
                .isEmpty();
    }

    @Test
    void ofWhenTwoStatementsLetOnePrincipalInThenOneExposureWithTheLooserConditions() {
        List<TrustExposure> exposures = of("""
                {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"e"}}},
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRoleWithSAML"}""");
        assertThat(exposures).hasSize(1);
        assertThat(exposures.getFirst().actions()).containsExactly("sts:AssumeRole", "sts:AssumeRoleWithSAML");
        assertThat(exposures.getFirst().condition()).isEmpty();
    }

    @Test
    void ofWhenFederatedThenOneExposurePerProviderWithItsConditions() {
        TrustExposure exposure = of("""
                {"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity",
                 "Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":["a","b"]}}}""").getFirst();
        assertThat(exposure.principalType()).isEqualTo("Federated");
        assertThat(exposure.condition()).isEqualTo(Map.of("cognito-identity.amazonaws.com:aud", "a,b"));
    }
}
