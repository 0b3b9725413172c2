package dev.mayfly.issuer.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.testing.HostileText;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The parser without a regular expression accepts and refuses exactly what IAM's regular expression does. */
class RoleArnTest {

    /** IAM's form, as RoleArn parsed it before: the reference. */
    private static final Pattern IAM_FORM = Pattern.compile("arn:aws:iam::(\\d{12}):role(/(?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]{1,64})");

    private static final List<String> FRAGMENTS = List.of("arn:aws:iam::", "000000000001", "00000000001", "0000000000012", ":role",
            "role", "/", "//", "deployer", "a", "+=,.@-_", "path/", " ", "\t", "\u0000", "\u007f", "\u00e9", "\u0661", "\uD800",
            ":", "*", "\\", "%2F", "x".repeat(64), "y".repeat(65), "arn:aws:sts::", ":user/", "\u2003");

    @Example
    void parseWhenPlainRoleArnThenAccountEmptyPathAndName() {
        RoleArn arn = RoleArn.parse("arn:aws:iam::000000000001:role/deployer").orElseThrow();
        assertThat(arn.account().value()).isEqualTo("000000000001");
        assertThat(arn.path()).isEqualTo("/");
        assertThat(arn.roleName()).isEqualTo("deployer");
    }

    @Example
    void parseWhenRoleArnWithPathThenPathEndsWithItsLastSlash() {
        RoleArn arn = RoleArn.parse("arn:aws:iam::000000000001:role/team/ci/deployer").orElseThrow();
        assertThat(arn.path()).isEqualTo("/team/ci/");
        assertThat(arn.roleName()).isEqualTo("deployer");
        assertThat(arn).hasToString("arn:aws:iam::000000000001:role/team/ci/deployer");
    }

    @Example
    void parseWhenKnownEdgeCasesThenSameAsIamForm() {
        for (String text : List.of("", "arn:aws:iam::000000000001:role", "arn:aws:iam::000000000001:role/",
                "arn:aws:iam::000000000001:role//", "arn:aws:iam::000000000001:role//x", "arn:aws:iam::000000000001:role/a b/x",
                "arn:aws:iam::000000000001:role/x ", "arn:aws:iam::00000000000a:role/x", "arn:aws:iam::0000000000001:role/x",
                "arn:aws:iam::00000000001:role/x", "arn:aws:iam::\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661:role/x",
                "arn:aws:iam::000000000001:rolex/y", "arn:aws:iam::000000000001:role/" + "n".repeat(64),
                "arn:aws:iam::000000000001:role/" + "n".repeat(65), "arn:aws:iam::000000000001:role/\u00e9",
                "arn:aws:iam::000000000001:role/p\u00e9/x", "ARN:aws:iam::000000000001:role/x", "arn:aws:iam::000000000001:role/x\n",
                "arn:aws:iam::000000000001:user/x", "arn:aws:iam::000000000001:role/*")) {
            assertThat(RoleArn.parse(text)).as(text).isEqualTo(byIamForm(text));
        }
        assertThat(RoleArn.parse(null)).isEmpty();
    }

    @Property(tries = 3000)
    void parseWhenAnyTextThenSameAsIamForm(@ForAll("arns") String text) {
        assertThat(RoleArn.parse(text)).isEqualTo(byIamForm(text));
    }

    @Provide
    Arbitrary<String> arns() {
        return HostileText.from(FRAGMENTS).map(text -> text.startsWith("arn:") ? text : "arn:aws:iam::000000000001:role" + text);
    }

    private static Optional<RoleArn> byIamForm(String text) {
        Matcher m = IAM_FORM.matcher(text);
        return m.matches() ? Optional.of(new RoleArn(AccountId.of(m.group(1)), m.group(2), m.group(3))) : Optional.empty();
    }
}
