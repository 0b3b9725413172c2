package dev.mayfly.issuer.iam.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.HostileInput;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.runtime.AwsServiceException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever AccountAlias a caller sends, it is read as IAM documents it (3 to 63 lowercase letters, digits and single
 * hyphens, a letter or digit at each end) or refused with a 4xx, never anything else and never slowly.
 */
class AccountAliasParameterPropertyTest {

    @Property
    void ofWhenAnyAliasThenADocumentedAliasOrAwsError(@ForAll("aliases") String alias) {
        HostileInput.returnsOrRefuses(AwsServiceException.class, () -> {
            String read = AccountAliasParameter.of(QueryParameters.parse(null,
                    "AccountAlias=" + URLEncoder.encode(alias, StandardCharsets.UTF_8)));
            assertThat(read).hasSizeBetween(3, 63).matches("[a-z0-9][a-z0-9-]*[a-z0-9]").doesNotContain("--");
        });
    }

    @Provide
    Arbitrary<String> aliases() {
        return Arbitraries.oneOf(HostileInput.text(),
                Arbitraries.strings().withChars("abz09-").ofMinLength(0).ofMaxLength(70),
                Arbitraries.strings().withChars("a-").ofMinLength(1000).ofMaxLength(5000));
    }
}
