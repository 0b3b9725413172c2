package dev.mayfly.audit.leastprivilege;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The statements of a generated policy: grouped by resources as Access Analyzer groups them, "*" first, sorted. */
class GeneratedPolicyTest {

    @Test
    void documentWhenActionsShareResourcesThenOneStatementEachSetAndStarFirst() throws Exception {
        GeneratedPolicy policy = new GeneratedPolicy();
        policy.allow("iam:GetRole", Set.of("arn:aws:iam::111122223333:role/b"));
        policy.allow("iam:UpdateRole", Set.of("arn:aws:iam::111122223333:role/b"));
        policy.allow("sts:AssumeRole", Set.of("arn:aws:iam::111122223333:role/a", "arn:aws:iam::444455556666:role/x"));
        policy.allow("iam:ListUsers", Set.of("*"));
        policy.allow("iam:ListRoles", Set.of("*"));

        assertThat(policy.document()).isEqualTo(Json.mapper().readTree("""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":["iam:ListRoles","iam:ListUsers"],"Resource":"*"},
                  {"Effect":"Allow","Action":"sts:AssumeRole","Resource":["arn:aws:iam::111122223333:role/a","arn:aws:iam::444455556666:role/x"]},
                  {"Effect":"Allow","Action":["iam:GetRole","iam:UpdateRole"],"Resource":"arn:aws:iam::111122223333:role/b"}]}"""));
    }

    @Test
    void allowWhenAnActionIsUsedOnStarOnceThenStarWhicheverCameFirst() {
        GeneratedPolicy before = new GeneratedPolicy();
        before.allow("iam:GetUser", Set.of("arn:aws:iam::111122223333:user/a"));
        before.allow("iam:GetUser", Set.of("*"));
        GeneratedPolicy after = new GeneratedPolicy();
        after.allow("iam:GetUser", Set.of("*"));
        after.allow("iam:GetUser", Set.of("arn:aws:iam::111122223333:user/a"));

        assertThat(before.document()).isEqualTo(after.document());
        assertThat(before.document().path("Statement").get(0).path("Resource").asText()).isEqualTo("*");
    }

    @Test
    void documentWhenNothingUsedThenNoStatement() {
        assertThat(new GeneratedPolicy().document().path("Statement")).isEmpty();
        assertThat(new GeneratedPolicy().isEmpty()).isTrue();
    }
}
