package dev.mayfly.issuer.iam;

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
 * Whatever InstanceProfileName and Path a caller sends, they are read as IAM documents them (a name of 1 to 128 of
 * {@code [\w+=,.@-]}, a path of 1 to 512 that starts and ends with a slash) or refused with a 4xx, never anything else.
 */
class IamParametersPropertyTest {

    private static QueryParameters sent(String name, String value) {
        return QueryParameters.parse(null, name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    @Property
    void instanceProfileNameWhenAnyValueThenADocumentedNameOrAwsError(@ForAll("values") String value) {
        HostileInput.returnsOrRefuses(AwsServiceException.class, () ->
                assertThat(IamParameters.instanceProfileName(sent("InstanceProfileName", value))).hasSizeBetween(1, 128)
                        .matches(IamParameters.NAME_PATTERN));
    }

    @Property
    void pathWhenAnyValueThenADocumentedPathOrAwsError(@ForAll("values") String value) {
        HostileInput.returnsOrRefuses(AwsServiceException.class, () ->
                assertThat(IamParameters.path(sent("Path", value))).hasSizeBetween(1, 512).startsWith("/").endsWith("/"));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(HostileInput.text(),
                Arbitraries.strings().withChars("/a.@_-").ofMinLength(0).ofMaxLength(600),
                Arbitraries.strings().withChars("/a").ofMinLength(100_000).ofMaxLength(200_000));
    }
}
