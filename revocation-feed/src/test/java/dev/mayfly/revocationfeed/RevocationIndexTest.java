package dev.mayfly.revocationfeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.AccessKeyIds;
import dev.mayfly.contract.RevocationRule.Scope;
import dev.mayfly.contract.RevocationRule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationIndexTest {

    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    private static final String ROLE = "arn:aws:iam::111111111111:role/Deploy";

    private static SessionFacts session(String account, Instant issuedAt) {
        return new SessionFacts(account, ROLE, "arn:aws:sts::" + account + ":assumed-role/Deploy/s", "ASIAX", null, java.util.Map.of("Team", "ops"), issuedAt, null);
    }

    private static RevocationRule rule(String id, String account, Scope scope, String target) {
        return new RevocationRule(id, account, scope, target, T, T, "arn:aws:iam::" + account + ":root", "test", T.plusSeconds(43200), RevocationRule.Kind.REVOKE);
    }

    @Test
    void denyingWhenSessionIssuedBeforeRuleTimeThenDenied() {
        RevocationIndex index = new RevocationIndex();
        index.put(rule("r1", "111111111111", Scope.ROLE, ROLE));
        assertThat(index.denying(session("111111111111", T.minusSeconds(1)))).map(RevocationRule::ruleId).contains("r1");
    }

    @Test
    void denyingWhenSessionIssuedAtOrAfterRuleTimeThenAllowed() {
        RevocationIndex index = new RevocationIndex();
        index.put(rule("r1", "111111111111", Scope.ROLE, ROLE));
        assertThat(index.denying(session("111111111111", T))).isEmpty();
        assertThat(index.denying(session("111111111111", T.plusSeconds(1)))).isEmpty();
    }

    @Test
    void denyingWhenRuleOfAnotherAccountNamesSameTargetThenAllowed() {
        RevocationIndex index = new RevocationIndex();
        index.put(rule("r1", "222222222222", Scope.ROLE, ROLE));
        assertThat(index.denying(session("111111111111", T.minusSeconds(1)))).isEmpty();
    }

    @Test
    void denyingWhenRuleLiftedThenAllowed() {
        RevocationIndex index = new RevocationIndex();
        index.put(rule("r1", "111111111111", Scope.ACCOUNT, "111111111111"));
        index.remove("r1");
        assertThat(index.denying(session("111111111111", T.minusSeconds(1)))).isEmpty();
    }

    @Test
    void denyingWhenEachScopeNamesTheSessionThenDenied() {
        SessionFacts session = new SessionFacts("111111111111", ROLE, "arn:aws:sts::111111111111:assumed-role/Deploy/s",
                "ASIAX", "alice", java.util.Map.of("Team", "ops"), T.minusSeconds(1), null);
        for (var scoped : new RevocationRule[] {rule("a", "111111111111", Scope.ACCOUNT, "111111111111"),
                rule("p", "111111111111", Scope.PRINCIPAL, session.principalArn()),
                rule("k", "111111111111", Scope.ACCESS_KEY, "ASIAX"),
                rule("s", "111111111111", Scope.SOURCE_IDENTITY, "alice"),
                rule("t", "111111111111", Scope.SESSION_TAG, RevocationRule.sessionTagTarget("TEAM", "ops"))}) {
            RevocationIndex index = new RevocationIndex();
            index.put(scoped);
            assertThat(index.denying(session)).as(scoped.scope().name()).isPresent();
        }
    }

    @Test
    void denyingWhenSessionTagRuleNamesAnotherValueThenAllowed() {
        RevocationIndex index = new RevocationIndex();
        index.put(rule("t", "111111111111", Scope.SESSION_TAG, RevocationRule.sessionTagTarget("team", "OPS")));
        assertThat(index.denying(session("111111111111", T.minusSeconds(1)))).as("tag values compare with case").isEmpty();
    }

    @Test
    void quarantiningWhenRuleNamesThePrincipalOrRoleThenUntilItsEndAndItRevokesNothing() {
        RevocationIndex index = new RevocationIndex();
        index.put(new RevocationRule("q", "111111111111", Scope.ROLE, ROLE, T, T.minusSeconds(60), "arn:aws:iam::111111111111:root",
                "incident", T, RevocationRule.Kind.QUARANTINE));
        assertThat(index.quarantining("111111111111", java.util.List.of("arn:aws:iam::111111111111:user/u", ROLE), T.minusSeconds(1)))
                .map(RevocationRule::ruleId).contains("q");
        assertThat(index.quarantining("111111111111", java.util.List.of(ROLE), T)).as("over at its end").isEmpty();
        assertThat(index.quarantining("222222222222", java.util.List.of(ROLE), T.minusSeconds(1))).isEmpty();
        assertThat(index.denying(session("111111111111", T.minusSeconds(30)))).as("live sessions are left alone").isEmpty();
    }

    /** A long-term key id of an account, in the issuer's format. */
    private static String longTermKey(String account) {
        return AccessKeyIds.LONG_TERM_PREFIX + AccessKeyIds.encodedAccount(account) + "KEYKEYKE";
    }

    @Test
    void denyingLongTermKeyWhenRuleOfItsAccountNamesItThenDeniedUntilLifted() {
        String key = longTermKey("111111111111");
        RevocationIndex index = new RevocationIndex();
        index.put(rule("k", "111111111111", Scope.ACCESS_KEY, key));
        assertThat(index.denyingLongTermKey(key, T.minusSeconds(86_400))).map(RevocationRule::ruleId).contains("k");
        assertThat(index.denyingLongTermKey(key, T)).as("a key created at or after the rule's time").isEmpty();
        index.remove("k");
        assertThat(index.denyingLongTermKey(key, T.minusSeconds(86_400))).isEmpty();
    }

    @Test
    void denyingLongTermKeyWhenRuleOfAnotherAccountNamesItThenAllowed() {
        String key = longTermKey("111111111111");
        RevocationIndex index = new RevocationIndex();
        index.put(rule("k", "222222222222", Scope.ACCESS_KEY, key));
        assertThat(index.denyingLongTermKey(key, T.minusSeconds(1))).isEmpty();
    }

    @Test
    void denyingWhenRuleNamesTheLongTermKeyThatStartedTheSessionThenDeniedInWhicheverAccountItActs() {
        String key = longTermKey("111111111111");
        RevocationIndex index = new RevocationIndex();
        index.put(rule("k", "111111111111", Scope.ACCESS_KEY, key));
        SessionFacts crossAccount = new SessionFacts("222222222222", "arn:aws:iam::222222222222:role/Deploy",
                "arn:aws:sts::222222222222:assumed-role/Deploy/s", "ASIAY", null, java.util.Map.of(), T.minusSeconds(1), key);
        assertThat(index.denying(crossAccount)).map(RevocationRule::ruleId).contains("k");
        SessionFacts later = new SessionFacts("222222222222", "arn:aws:iam::222222222222:role/Deploy",
                "arn:aws:sts::222222222222:assumed-role/Deploy/s", "ASIAY", null, java.util.Map.of(), T, key);
        assertThat(index.denying(later)).as("issued at or after the rule's time").isEmpty();
    }
}
