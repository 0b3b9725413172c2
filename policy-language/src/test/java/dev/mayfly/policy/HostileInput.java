package dev.mayfly.policy;

import dev.mayfly.testing.HostileJson;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Policy documents a caller can send: any JSON, deeply nested JSON, JSON shaped like a policy whose members have
 * the wrong types or hostile values, and text that is not JSON.
 */
final class HostileInput {

    private static final List<String> MEMBERS = List.of("Version", "Id", "Statement", "Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition", "AWS", "Service", "Federated", "CanonicalUser");
    private static final List<String> OPERATORS = List.of("StringEquals", "StringLike", "NumericEquals", "NumericLessThan",
            "DateEquals", "DateGreaterThan", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnLike", "Null",
            "ForAllValues:StringEquals", "ForAnyValue:NumericEquals", "DateLessThanIfExists", "NullIfExists", "ForAllValues:",
            "IfExists", "Unknown");
    /** Values that a condition operator reads: numbers, dates, addresses and base64, in and out of range. */
    private static final List<String> SCALARS = List.of("*", "sts:AssumeRole", "s3:*", "arn:aws:iam::111122223333:role/R",
            "111122223333", "arn:", "${aws:username}", "${", "2012-10-17", "2008-10-17", "Allow", "Deny", "true", "FALSE",
            "1", "-0", "1e999999999", "1E-2147483648", "99999999999999999999", "9999999999999999", "31556889864403200",
            "2026-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z", "10.0.0.0/8", "10.0.0.0/33", "::1/129", "999.1.1.1",
            "1.2.3.4/-1", "1.2.3.4/99999999999", ":", ".0:", "::ffff:1.2.3.4", "aGVsbG8=", "a===", "", " ", "\u0000", "\uD800", "𝄞");

    private HostileInput() {
    }

    /** Any of the kinds of document a caller can send. */
    static Arbitrary<String> policyDocuments() {
        return Arbitraries.oneOf(policyShaped(), conditioned(), json(4), deeplyNested(), Arbitraries.strings().all().ofMaxLength(64));
    }

    /**
     * JSON shaped like a policy: statements mostly valid up to their conditions, so that the checks deep inside are
     * reached, with any member now and then of any type or a hostile value.
     */
    static Arbitrary<String> policyShaped() {
        Arbitrary<String> values = Arbitraries.oneOf(quoted(Arbitraries.of(SCALARS)), quoted(Arbitraries.of(SCALARS)).list()
                .ofMaxSize(4).map(HostileJson::array), json(2));
        Arbitrary<String> operands = Arbitraries.oneOf(quoted(Arbitraries.of(SCALARS)), quoted(Arbitraries.of(SCALARS)).list()
                .ofMaxSize(3).map(HostileJson::array));
        Arbitrary<String> conditionBlock = Combinators.combine(quoted(Arbitraries.of("aws:SourceIp", "aws:CurrentTime", "k", "")),
                operands).as((key, value) -> key + ":" + value).list().ofMaxSize(3).map(HostileJson::object);
        Arbitrary<String> condition = Combinators.combine(quoted(Arbitraries.of(OPERATORS)), Arbitraries.oneOf(conditionBlock, json(1)))
                .as((operator, block) -> operator + ":" + block).list().ofMaxSize(3).map(HostileJson::object);
        Arbitrary<String> anyMember = Combinators.combine(quoted(Arbitraries.of(MEMBERS)), Arbitraries.oneOf(values, condition))
                .as((name, value) -> name + ":" + value);
        Arbitrary<String> statement = Combinators.combine(usually("\"Effect\":\"Allow\"", anyMember),
                        usually("\"Action\":\"sts:AssumeRole\"", anyMember),
                        usually("\"Principal\":{\"AWS\":\"111122223333\"}", anyMember),
                        condition.map(c -> "\"Condition\":" + c), anyMember.list().ofMaxSize(1))
                .as((effect, action, principal, conditions, extra) -> {
                    List<String> members = new java.util.ArrayList<>(List.of(effect, action, principal, conditions));
                    members.addAll(extra);
                    return HostileJson.object(members);
                });
        Arbitrary<String> statements = Arbitraries.oneOf(statement, statement.list().ofMaxSize(3).map(HostileJson::array), json(2));
        return Combinators.combine(usually("\"2012-10-17\"", values), statements, anyMember.list().ofMaxSize(1))
                .as((version, statementValue, extra) -> {
                    List<String> members = new java.util.ArrayList<>(List.of("\"Version\":" + version, "\"Statement\":" + statementValue));
                    members.addAll(extra);
                    return HostileJson.object(members);
                });
    }

    /** A valid policy but for its one condition, whose operator and operands are any: each operator's own checks are reached. */
    static Arbitrary<String> conditioned() {
        Arbitrary<String> operands = Arbitraries.oneOf(quoted(Arbitraries.of(SCALARS)), quoted(Arbitraries.of(SCALARS)).list()
                .ofMaxSize(3).map(HostileJson::array), json(1));
        return Combinators.combine(Arbitraries.of(OPERATORS), operands).as((operator, operand) -> """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"111122223333"},\
                "Condition":{%s:{"k":%s}}}}""".formatted(HostileJson.quote(operator), operand));
    }

    /** The valid member most of the time, any other now and then. */
    private static Arbitrary<String> usually(String valid, Arbitrary<String> other) {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(valid)), Tuple.of(1, other));
    }

    /** Any JSON value up to a depth, with a policy's members and the values its conditions read. */
    static Arbitrary<String> json(int depth) {
        return HostileJson.values(depth, MEMBERS, Arbitraries.of(SCALARS));
    }

    /** Arrays and objects nested past any sensible depth, closed or not, around a policy or nothing. */
    static Arbitrary<String> deeplyNested() {
        return HostileJson.deeplyNested("Statement", 5_000);
    }

    private static Arbitrary<String> quoted(Arbitrary<String> text) {
        return text.map(HostileJson::quote);
    }
}
