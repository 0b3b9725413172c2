package dev.mayfly.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.policy.Decision;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.policy.Principal;
import dev.mayfly.policy.decision.PolicySource.Identity;
import dev.mayfly.policy.decision.Requester.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one access decision, against AWS's "Policy evaluation logic" and "Cross-account policy evaluation logic", one row
 * per case. The requester is always of account A (111122223333); the resource is of A, of B (444455556666) or of an
 * account nobody said (?). Layers: allow, deny (an Allow and a Deny policy), none (a policy about another action), or -
 * (absent).
 */
class AccessDecisionTest {

    private static final String A = "111122223333";
    private static final String B = "444455556666";
    private static final String ALICE = "arn:aws:iam::" + A + ":user/alice";
    private static final String READER = "arn:aws:iam::" + A + ":role/reader";
    private static final String SESSION = "arn:aws:sts::" + A + ":assumed-role/reader/s1";
    private static final String FEDERATED = "arn:aws:sts::" + A + ":federated-user/bob";
    private static final String ROOT = "arn:aws:iam::" + A + ":root";
    private static final String NOTE = "arn:aws:notes:::note/a";
    private static final String ACTION = "notes:GetNote";

    private final Map<String, Identity> identities = new HashMap<>();
    private final Map<String, List<NamedPolicy>> managed = new HashMap<>();
    private final AccessDecision decision = new AccessDecision(new PolicySource() {
        @Override
        public Optional<Identity> identity(String arn) {
            return Optional.ofNullable(identities.get(arn));
        }

        @Override
        public List<NamedPolicy> managedPolicy(String arn) {
            return managed.getOrDefault(arn, List.of());
        }
    });

    private static String statement(String effect, String action) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}";
    }

    private static PolicyDocument document(String... statements) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}");
    }

    /** A layer's policies: allow, deny (an Allow and a Deny), none (about another action). */
    private static List<NamedPolicy> layer(String what, String name) {
        return switch (what) {
            case "allow" -> List.of(new NamedPolicy(name + " allowing", document(statement("Allow", "notes:*"))));
            case "deny" -> List.of(new NamedPolicy(name + " allowing", document(statement("Allow", "*"))),
                    new NamedPolicy(name + " denying", document(statement("Deny", ACTION))));
            case "none" -> List.of(new NamedPolicy(name + " silent", document(statement("Allow", "notes:PutNote"))));
            default -> throw new IllegalArgumentException(what);
        };
    }

    private static String sessionPolicy(String what) {
        return switch (what) {
            case "-" -> null;
            case "allow" -> "{\"Version\":\"2012-10-17\",\"Statement\":" + statement("Allow", "notes:*") + "}";
            case "deny" -> "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement("Allow", "*") + "," + statement("Deny", ACTION) + "]}";
            case "none" -> "{\"Version\":\"2012-10-17\",\"Statement\":" + statement("Allow", "notes:PutNote") + "}";
            default -> throw new IllegalArgumentException(what);
        };
    }

    /** A resource-based policy allowing the action to whom it names, or denying it to everyone. */
    private static PolicyDocument resourcePolicy(String what) {
        String principal = switch (what) {
            case "-" -> null;
            case "account-root" -> "\"" + ROOT + "\"";
            case "account-id" -> "\"" + A + "\"";
            case "everyone" -> "\"*\"";
            case "user" -> "\"" + ALICE + "\"";
            case "role" -> "\"" + READER + "\"";
            case "session" -> "\"" + SESSION + "\"";
            case "other-role" -> "\"arn:aws:iam::" + A + ":role/writer\"";
            case "deny-everyone" -> "\"*\"";
            default -> throw new IllegalArgumentException(what);
        };
        if (principal == null) {
            return null;
        }
        String allow = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":" + principal + "},\"Action\":\"" + ACTION
                + "\",\"Resource\":\"" + NOTE + "\"}";
        String deny = "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"" + ACTION + "\",\"Resource\":\"" + NOTE + "\"}";
        return what.equals("deny-everyone") ? document(allow, deny) : document(allow);
    }

    private Requester requester(String who, String session) {
        String policy = sessionPolicy(session);
        String gone = READER.replace("reader", "gone");
        return switch (who) {
            case "user" -> Requester.of(Kind.USER, A, ALICE, "AIDAALICE", null, policy, null);
            case "role" -> Requester.of(Kind.ROLE_SESSION, A, SESSION, "AROAREADER:s1", READER, policy, null);
            case "recreated-role" -> Requester.of(Kind.ROLE_SESSION, A, SESSION, "AROAOLD:s1", READER, policy, null);
            case "deleted-role" -> Requester.of(Kind.ROLE_SESSION, A, SESSION.replace("reader", "gone"), "AROAGONE:s1", gone, policy, null);
            case "root" -> Requester.of(Kind.ROOT, A, ROOT, A, null, policy, null);
            case "federated" -> Requester.of(Kind.FEDERATED_USER, A, FEDERATED, A + ":bob", ALICE, policy, null);
            case "federated-by-root" -> Requester.of(Kind.FEDERATED_USER, A, FEDERATED, A + ":bob", ROOT, policy, null);
            default -> throw new IllegalArgumentException(who);
        };
    }

    private void identities(String identity, String boundary) {
        if (identity.equals("-")) {
            return;
        }
        NamedPolicy bound = boundary.equals("-") ? null : layer(boundary, "boundary").getLast();
        identities.put(ALICE, new Identity("AIDAALICE", layer(identity, "alice's"), bound));
        identities.put(READER, new Identity("AROAREADER", layer(identity, "reader's"), bound));
    }

    private static String account(String which) {
        return switch (which) {
            case "A" -> A;
            case "B" -> B;
            default -> null;
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            identity allows                                            | user              | allow | -     | -     | -             | A | ALLOW          | false
            identity silent                                            | user              | none  | -     | -     | -             | A | NOT_APPLICABLE | false
            explicit deny in an identity policy                        | user              | deny  | -     | -     | -             | A | EXPLICIT_DENY  | false
            boundary allows too                                        | user              | allow | allow | -     | -             | A | ALLOW          | false
            boundary silent caps the identity allow                    | user              | allow | none  | -     | -             | A | NOT_APPLICABLE | false
            explicit deny in the boundary                              | user              | allow | deny  | -     | -             | A | EXPLICIT_DENY  | false
            session policy allows too                                  | role              | allow | -     | allow | -             | A | ALLOW          | false
            session policy silent caps the identity allow              | role              | allow | -     | none  | -             | A | NOT_APPLICABLE | false
            explicit deny in a session policy                          | role              | allow | -     | deny  | -             | A | EXPLICIT_DENY  | false
            federated user without session policies has nothing        | federated         | allow | -     | -     | -             | A | NOT_APPLICABLE | false
            federated user within its session policy                   | federated         | allow | -     | allow | -             | A | ALLOW          | false
            federated by the root: its session policy alone decides    | federated-by-root | -     | -     | allow | -             | A | ALLOW          | false
            root of its own account                                    | root              | -     | -     | -     | -             | A | ALLOW          | false
            root on another account's resource                         | root              | -     | -     | -     | -             | B | NOT_APPLICABLE | true
            root on another account's, granted to its account root     | root              | -     | -     | -     | account-root  | B | ALLOW          | false
            root on another account's, granted to a role only          | root              | -     | -     | -     | role          | B | NOT_APPLICABLE | true
            root of its own account, explicit deny in resource policy  | root              | -     | -     | -     | deny-everyone | A | EXPLICIT_DENY  | true
            root, the resource's owner unknown                         | root              | -     | -     | -     | -             | ? | NOT_APPLICABLE | true
            same account: resource policy naming the user alone allows | user              | none  | -     | -     | user          | A | ALLOW          | false
            same account: resource policy naming the account needs identity | user         | none  | -     | -     | account-root  | A | NOT_APPLICABLE | false
            same account: grant to the role within its session policy  | role              | none  | -     | allow | role          | A | ALLOW          | false
            same account: grant to the role capped by session policy   | role              | none  | -     | none  | role          | A | NOT_APPLICABLE | false
            same account: grant to the session itself stands alone     | role              | none  | -     | none  | session       | A | ALLOW          | false
            same account: explicit deny in the resource policy         | user              | allow | -     | -     | deny-everyone | A | EXPLICIT_DENY  | true
            cross-account: identity allows, no resource policy         | user              | allow | -     | -     | -             | B | NOT_APPLICABLE | true
            cross-account: resource names the user, identity silent    | user              | none  | -     | -     | user          | B | NOT_APPLICABLE | false
            cross-account: both allow, resource names the user         | user              | allow | -     | -     | user          | B | ALLOW          | false
            cross-account: resource names the account root             | user              | allow | -     | -     | account-root  | B | ALLOW          | false
            cross-account: resource names the account id               | role              | allow | -     | -     | account-id    | B | ALLOW          | false
            cross-account: resource names everyone                     | role              | allow | -     | -     | everyone      | B | ALLOW          | false
            cross-account: resource names the session's role           | role              | allow | -     | -     | role          | B | ALLOW          | false
            cross-account: resource names the session                  | role              | allow | -     | -     | session       | B | ALLOW          | false
            cross-account: resource names another role only            | role              | allow | -     | -     | other-role    | B | NOT_APPLICABLE | true
            cross-account: explicit deny in the resource policy        | user              | allow | -     | -     | deny-everyone | B | EXPLICIT_DENY  | true
            cross-account: explicit deny in an identity policy         | user              | deny  | -     | -     | user          | B | EXPLICIT_DENY  | false
            cross-account: boundary silent                             | user              | allow | none  | -     | user          | B | NOT_APPLICABLE | false
            cross-account: session policy silent                       | role              | allow | -     | none  | session       | B | NOT_APPLICABLE | false
            the resource's owner unknown                               | user              | allow | -     | -     | -             | ? | NOT_APPLICABLE | true
            the session's role was deleted                             | deleted-role      | allow | -     | -     | -             | A | NOT_APPLICABLE | false
            the session's role was deleted and created again           | recreated-role    | allow | -     | -     | -             | A | NOT_APPLICABLE | false
            """)
    void decideWhenLayersAndAccountsAreThenAsAwsEvaluationLogic(String what, String who, String identity, String boundary,
                                                                  String session, String resourcePolicy, String resourceAccount,
                                                                  Decision expected, boolean resourceSide) {
        identities(identity, boundary);

        Outcome outcome = decision.decide(requester(who, session), ACTION, new Resource(NOTE, account(resourceAccount),
                resourcePolicy(resourcePolicy)), Map.of());

        assertThat(outcome.decision()).as(what + ": " + outcome.reason()).isEqualTo(expected);
        if (!outcome.allowed()) {
            assertThat(outcome.resourceSide()).as(what + ": which side refused").isEqualTo(resourceSide);
        }
    }

    @Test
    void decideWhenAPolicyDeniesOrAllowsThenItsLabelIsWhatDecided() {
        identities("deny", "-");
        Outcome denied = decision.decide(requester("user", "-"), ACTION, new Resource(NOTE, A, null), Map.of());
        identities("allow", "-");
        Outcome allowed = decision.decide(requester("user", "-"), ACTION, new Resource(NOTE, B, resourcePolicy("user")), Map.of());

        assertThat(denied.policies()).containsExactly("alice's denying");
        assertThat(allowed.policies()).containsExactly("alice's allowing", "the resource-based policy of " + NOTE);
    }

    @Test
    void decideWhenBoundaryOrSessionPoliciesRefuseThenTheyAreNamed() {
        identities("allow", "none");
        Outcome bounded = decision.decide(requester("user", "-"), ACTION, new Resource(NOTE, A, null), Map.of());
        identities("allow", "-");
        Outcome sessionBound = decision.decide(requester("role", "none"), ACTION, new Resource(NOTE, A, null), Map.of());

        assertThat(bounded.policies()).containsExactly("boundary silent");
        assertThat(bounded.reason()).isEqualTo("the permissions boundary does not allow the action");
        assertThat(sessionBound.policies()).containsExactly("the session policies");
    }

    @Test
    void decideWhenManagedSessionPolicyExistsThenItBoundsAndWhenGoneItAllowsNothing() {
        identities("allow", "-");
        String get = "arn:aws:iam::" + A + ":policy/get";
        managed.put(get, List.of(new NamedPolicy("managed policy " + get, document(statement("Allow", ACTION)))));
        Principal session = Principal.session(READER, SESSION, A, "AROAREADER");

        Outcome bound = decision.decide(new Requester(Kind.ROLE_SESSION, session, READER, "AROAREADER", null, List.of(get)), ACTION,
                new Resource(NOTE, A, null), Map.of());
        Outcome gone = decision.decide(new Requester(Kind.ROLE_SESSION, session, READER, "AROAREADER", null,
                List.of("arn:aws:iam::" + A + ":policy/deleted")), ACTION, new Resource(NOTE, A, null), Map.of());

        assertThat(bound.allowed()).isTrue();
        assertThat(gone.allowed()).isFalse();
    }

    @Test
    void namedWhenArnNamesAnAccountThenItOwnsTheResourceAndOtherwiseNobodyIsGuessed() {
        assertThat(Resource.named("arn:aws:sqs:us-east-1:" + B + ":queue").accountId()).isEqualTo(B);
        assertThat(Resource.named("arn:aws:s3:::bucket/key").accountId()).isNull();
        assertThat(Resource.named("*").accountId()).isNull();
    }
}
