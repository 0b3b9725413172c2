package dev.mayfly.issuer.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.HostileInput;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.testing.HostileJson;
import dev.mayfly.testing.NameLookups;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever body a caller posts to register a workload, it is refused as not JSON, or read into a registration or
 * refused with a ValidationError (400); and a source CIDR is read without looking up any name, and prints as a block
 * that reads back the same.
 */
class RegisterWorkloadRequestPropertyTest {

    private static final List<String> MEMBERS = List.of("Name", "RoleArn", "RoleSessionName", "DurationSeconds", "AllowedSourceCidrs",
            "OidcIdentity", "ProviderArn", "Namespace", "ServiceAccount");
    private static final List<String> CIDRS = List.of("10.0.0.0/8", "10.0.0.0/33", "0.0.0.0/0", "::/0", "::1/128", "::1/129",
            "fe80::1%eth0", "999.1.1.1", "1.2.3", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/999", "01.02.03.04", "1.2.3.4:80", ":::",
            "::ffff:1.2.3.4/96", "[::1]", "localhost", "0x7f.0.0.1", "", "1.2.3.4/00000000000000000000008");

    @Property
    void fromWhenAnyBodyThenRegistrationOrValidationError(@ForAll("bodies") String body) {
        HostileInput.returnsOrRefuses(AwsServiceException.class, () -> {
            JsonNode json = parseObject(body);
            if (json != null) {
                RegisterWorkloadRequest.from(json);
            }
        });
    }

    @Property
    void parseWhenAnyCidrThenNoNameLookedUpAndWhatIsReadReadsBackTheSame(@ForAll("cidrs") String text) {
        SourceCidr cidr;
        try {
            cidr = SourceCidr.parse(text);
        } catch (AwsServiceException refused) {
            assertThat(NameLookups.lookedUp(text.split("/", 2)[0])).isFalse();
            return;
        }
        assertThat(SourceCidr.parse(cidr.toString())).hasToString(cidr.toString());
    }

    /**
     * Found by the property, taking 70 ms a try: a dotted quad with an octet past 255 is no address to InetAddress,
     * which looked it up as a host name: a caller could make the issuer send DNS queries of its choosing.
     */
    @Example
    void parseWhenAnOctetIsPast255ThenValidationErrorWithoutALookup() {
        assertThatThrownBy(() -> SourceCidr.parse("999.99.99.99/8")).isInstanceOf(AwsServiceException.class);
        assertThat(NameLookups.lookedUp("999.99.99.99")).isFalse();
    }

    /** Found by the property below once octets were checked: colon text that starts with a dot was looked up too. */
    @Example
    void parseWhenColonTextStartsWithADotThenValidationErrorWithoutALookup() {
        assertThatThrownBy(() -> SourceCidr.parse(".00000:")).isInstanceOf(AwsServiceException.class);
        assertThat(NameLookups.lookedUp(".00000:")).isFalse();
    }

    /** The examples above show nothing unless this module's tests resolve names through NameLookups (its service file). */
    @Example
    void nameLookupsWhenTestsRunThenInstalled() {
        assertThat(NameLookups.installed()).isTrue();
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> cidrList = Arbitraries.oneOf(Arbitraries.of(CIDRS).map(HostileJson::quote), HostileInput.json(1, MEMBERS))
                .list().ofMaxSize(18).map(HostileJson::array);
        Arbitrary<String> value = Arbitraries.oneOf(HostileInput.json(2, MEMBERS), cidrList, Arbitraries.of("\"build-agent\"",
                "\"arn:aws:iam::111122223333:role/Build\"", "\"arn:aws:iam::111122223333:role/a/b/c/Build\"", "900", "43200", "43201",
                "899.5", "3600.0", "1e3", "-3600", "\"3600\"", """
                {"ProviderArn":"arn:aws:iam::111122223333:oidc-provider/oidc.example.com","Namespace":"prod","ServiceAccount":"web"}""",
                "{\"ProviderArn\":\"arn:aws:iam::111122223333:oidc-provider/\",\"Namespace\":\"-\",\"ServiceAccount\":\"a..b\"}",
                "\"system:serviceaccount:prod:web\"").map(String::valueOf));
        Arbitrary<String> member = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(MEMBERS), HostileInput.text()), value)
                .as((name, v) -> HostileJson.quote(name) + ":" + v);
        return Arbitraries.oneOf(member.list().ofMaxSize(7).map(HostileJson::object),
                HostileInput.deeplyNested(), HostileInput.text());
    }

    @Provide
    Arbitrary<String> cidrs() {
        return Arbitraries.oneOf(Arbitraries.of(CIDRS), Arbitraries.strings().withChars("0123456789abcdef.:/").ofMaxLength(45));
    }

    /** As the endpoint reads a body: a JSON object, or null for what it refuses as SerializationException. */
    private static JsonNode parseObject(String body) {
        try {
            JsonNode json = Json.mapper().readTree(body.getBytes(StandardCharsets.UTF_8));
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }
}
