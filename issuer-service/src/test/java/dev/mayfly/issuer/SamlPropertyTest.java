package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.TestSamlIdentityProvider.Claims;
import dev.mayfly.issuer.saml.SamlAssertion;
import dev.mayfly.issuer.saml.SamlException;
import dev.mayfly.issuer.saml.SamlMetadata;
import dev.mayfly.issuer.saml.SamlResponseVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a caller sends as a SAML response (AssumeRoleWithSAML) or as an identity provider's metadata
 * (CreateSAMLProvider), it is read or refused with a SamlException (a 4xx): arbitrary bytes, base64 garbage, DTDs with
 * external entities or entity expansion, deep nesting, wrong namespaces, hostile XML signatures, a genuine response
 * truncated or with a byte changed. And a response the provider signed is read as it was signed, whatever its subject.
 */
class SamlPropertyTest {

    private static final String PROTOCOL_NS = TestSamlIdentityProvider.PROTOCOL_NS;
    private static final String ASSERTION_NS = TestSamlIdentityProvider.ASSERTION_NS;
    private static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String METADATA_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
    private static final String ROLE = "arn:aws:iam::111122223333:role/R";
    private static final String PROVIDER = "arn:aws:iam::111122223333:saml-provider/corp";

    private static TestSamlIdentityProvider idp;
    private static SamlMetadata metadata;
    private static String signedResponse;

    @BeforeContainer
    static void identityProvider() throws Exception {
        idp = new TestSamlIdentityProvider("https://idp.example.com/corp");
        metadata = SamlMetadata.parse(idp.metadata());
        signedResponse = TestSamlIdentityProvider.utf8(idp.response(TestSamlIdentityProvider.claims("alice", ROLE, PROVIDER, "alice")));
    }

    @Property
    void verifyWhenAnyResponseThenAssertionOrSamlException(@ForAll("responses") String base64) {
        HostileInput.returnsOrRefuses(SamlException.class, () -> SamlResponseVerifier.verify(base64, metadata, Instant.now()));
    }

    /** Each try builds a DOM parser, a millisecond or more: fewer tries keep the suite to seconds. */
    @Property(tries = 300)
    void parseWhenAnyMetadataThenMetadataOrSamlException(@ForAll("metadataDocuments") String document) {
        HostileInput.returnsOrRefuses(SamlException.class, () -> SamlMetadata.parse(document));
    }

    /** Each try signs a response (RSA): a few suffice to show that any subject the provider asserts is read as asserted. */
    @Property(tries = 20)
    void verifyWhenSignedByTheProviderThenSubjectAndAttributesAsSigned(@ForAll("subjects") String subject) throws Exception {
        Claims claims = TestSamlIdentityProvider.claims(subject, ROLE, PROVIDER, "session")
                .withAttributes(Map.of("https://aws.amazon.com/SAML/Attributes/RoleSessionName", List.of(subject)));

        SamlAssertion assertion = SamlResponseVerifier.verify(idp.response(claims), metadata, Instant.now());

        assertThat(assertion.subject()).isEqualTo(subject.strip());
        assertThat(assertion.attribute("https://aws.amazon.com/SAML/Attributes/RoleSessionName")).containsExactly(subject.strip());
    }

    /**
     * Found by the property: a signed element whose ID is empty made the signature API throw IllegalArgumentException
     * ("ID is not an attribute") out of the verifier.
     */
    @Example
    void verifyWhenSignedElementHasAnEmptyIdThenNotSigned() {
        String response = signedResponse.replaceFirst("(<saml2?:Assertion[^>]*) ID=\"[^\"]*\"", "$1 ID=\"\"");

        assertThatThrownBy(() -> SamlResponseVerifier.verify(base64(response), metadata, Instant.now()))
                .isInstanceOf(SamlException.class).hasMessageContaining("is not signed");
    }

    @Provide
    Arbitrary<String> responses() {
        Arbitrary<String> xml = Arbitraries.oneOf(responseShaped(), mutated(Arbitraries.just(signedResponse)), garbage());
        return Arbitraries.oneOf(xml.map(SamlPropertyTest::base64), HostileInput.text(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(bytes -> Base64.getEncoder().encodeToString(bytes)));
    }

    @Provide
    Arbitrary<String> metadataDocuments() {
        return Arbitraries.oneOf(metadataShaped(), mutated(Arbitraries.just(idp.metadata())), garbage());
    }

    /** Text XML can carry, not blank (a blank NameID is refused), as an identity provider may put in NameID. */
    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(64)
                .filter(s -> s.codePoints().allMatch(SamlPropertyTest::isXmlChar) && !s.isBlank());
    }

    /**
     * A response of the right shape around hostile parts (prologs, DTDs, nesting, namespaces, signatures): mostly right
     * where the verifier looks first, so that the checks behind those are reached.
     */
    private static Arbitrary<String> responseShaped() {
        Arbitrary<String> status = usually("<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>",
                Arbitraries.of("<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Requester\"/></samlp:Status>",
                        "<samlp:Status/>", ""));
        Arbitrary<String> child = Arbitraries.oneOf(Arbitraries.of("<saml:EncryptedAssertion/>",
                        "<saml:Issuer>https://idp.example.com/corp</saml:Issuer>", "<saml:Issuer>&x;</saml:Issuer>",
                        "<![CDATA[<saml:Assertion/>]]>", "<!-- -->", "<?pi data?>",
                        "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\"/>"),
                assertion(), signature(), nested());
        return Combinators.combine(prolog(), doctype(), usually(PROTOCOL_NS, Arbitraries.of(ASSERTION_NS, "", "urn:other")),
                        usually("Response", Arbitraries.of("Assertion", "response")), status, assertion(), signature(), child.list().ofMaxSize(3))
                .as((prolog, doctype, namespace, name, statusElement, assertionElement, signatureElement, children) -> prolog + doctype
                        + "<samlp:" + name + " xmlns:samlp=\"" + namespace + "\" xmlns:saml=\"" + ASSERTION_NS + "\" ID=\"_r\" Version=\"2.0\">"
                        + statusElement + assertionElement + signatureElement + String.join("", children) + "</samlp:" + name + ">");
    }

    /** The expected part most of the time, any other now and then. */
    private static Arbitrary<String> usually(String expected, Arbitrary<String> other) {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(expected)), Tuple.of(1, other));
    }

    private static Arbitrary<String> assertion() {
        Arbitrary<String> child = Arbitraries.oneOf(signature(), nested(), Arbitraries.of("<saml:Issuer>https://idp.example.com/corp</saml:Issuer>",
                "<saml:Conditions NotOnOrAfter=\"not a time\"/>", "<saml:Subject><saml:NameID/></saml:Subject>"));
        return Combinators.combine(Arbitraries.of("_a", "", "_r"), child.list().ofMaxSize(3))
                .as((id, children) -> "<saml:Assertion ID=\"" + id + "\">" + String.join("", children) + "</saml:Assertion>");
    }

    /** An XML signature, as a direct child where it is checked, with any algorithms, references and values. */
    private static Arbitrary<String> signature() {
        Arbitrary<String> algorithm = Arbitraries.of("http://www.w3.org/2001/10/xml-exc-c14n#", "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
                "http://www.w3.org/2000/09/xmldsig#hmac-sha1", "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/TR/1999/REC-xslt-19991116",
                "http://www.w3.org/TR/1999/REC-xpath-19991116", "http://www.w3.org/2000/09/xmldsig#base64", "", "urn:unknown");
        Arbitrary<String> uri = Arbitraries.of("#_r", "#_a", "", "#", "#xpointer(/)", "file:///etc/passwd", "http://127.0.0.1:1/x");
        Arbitrary<String> value = Arbitraries.of("", "AAAA", "!!!", "q83vEjRWeJA=", "A".repeat(700));
        return Combinators.combine(algorithm, algorithm, uri, algorithm, algorithm, value, value)
                .as((c14n, method, reference, transform, digest, digestValue, signatureValue) -> "<ds:Signature xmlns:ds=\"" + DSIG_NS + "\">"
                        + "<ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"" + c14n + "\"/><ds:SignatureMethod Algorithm=\"" + method + "\"/>"
                        + "<ds:Reference URI=\"" + reference + "\"><ds:Transforms><ds:Transform Algorithm=\"" + transform + "\"/></ds:Transforms>"
                        + "<ds:DigestMethod Algorithm=\"" + digest + "\"/><ds:DigestValue>" + digestValue + "</ds:DigestValue></ds:Reference>"
                        + "</ds:SignedInfo><ds:SignatureValue>" + signatureValue + "</ds:SignatureValue></ds:Signature>");
    }

    /** Metadata of the right shape around hostile parts: certificates, dates, nesting, DTDs. */
    private static Arbitrary<String> metadataShaped() {
        String certificate = idp.metadata().replaceAll("(?s).*<ds:X509Certificate>(.*)</ds:X509Certificate>.*", "$1");
        Arbitrary<String> certificateText = Arbitraries.oneOf(Arbitraries.of(certificate, "", "!!!", "AAAA", certificate.substring(0, 100),
                        "MII" + "A".repeat(400)), nested(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(bytes -> Base64.getMimeEncoder().encodeToString(bytes)));
        return Combinators.combine(prolog(), doctype(), Arbitraries.of(METADATA_NS, "", PROTOCOL_NS), Arbitraries.of("", "signing", "encryption"),
                        certificateText, Arbitraries.of("", "2030-01-01T00:00:00Z", "soon", "+1000000000-12-31T23:59:59Z"))
                .as((prolog, doctype, namespace, use, cert, validUntil) -> prolog + doctype + "<md:EntityDescriptor xmlns:md=\"" + namespace
                        + "\" entityID=\"https://idp.example.com/corp\"" + (validUntil.isEmpty() ? "" : " validUntil=\"" + validUntil + "\"")
                        + "><md:IDPSSODescriptor><md:KeyDescriptor" + (use.isEmpty() ? "" : " use=\"" + use + "\"") + "><ds:KeyInfo xmlns:ds=\""
                        + DSIG_NS + "\"><ds:X509Data><ds:X509Certificate>" + cert + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
                        + "</md:KeyDescriptor></md:IDPSSODescriptor></md:EntityDescriptor>");
    }

    private static Arbitrary<String> prolog() {
        return Arbitraries.of("", "<?xml version=\"1.0\"?>", "<?xml version=\"1.1\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
                "<?xml version=\"1.0\" encoding=\"EBCDIC-CP-US\"?>", "<?xml version=\"2.0\"?>", "\uFEFF");
    }

    /** DTDs that would read files, fetch URLs or expand entities exponentially, were they allowed. */
    private static Arbitrary<String> doctype() {
        StringBuilder laughs = new StringBuilder("<!DOCTYPE r [<!ENTITY x \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY x").append(i).append(" \"").append(("&x" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        return Arbitraries.of("", "", "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", laughs.append("]>").toString(),
                "<!DOCTYPE r SYSTEM \"http://127.0.0.1:1/r.dtd\">", "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>",
                "<!DOCTYPE r [<!ELEMENT r ANY>]>");
    }

    /** Elements nested far deeper than any document needs, closed or not. */
    private static Arbitrary<String> nested() {
        return Combinators.combine(Arbitraries.integers().between(10, 8_000), Arbitraries.of(true, false))
                .as((levels, closed) -> "<a>".repeat(levels) + "x" + (closed ? "</a>".repeat(levels) : ""));
    }

    /** A genuine document truncated, or with one character replaced. */
    private static Arbitrary<String> mutated(Arbitrary<String> documents) {
        return Combinators.combine(documents, Arbitraries.doubles().between(0, 1), Arbitraries.chars(), Arbitraries.of(true, false))
                .as((document, where, replacement, truncate) -> {
                    int at = (int) (where * (document.length() - 1));
                    return truncate ? document.substring(0, at) : document.substring(0, at) + replacement + document.substring(at + 1);
                });
    }

    private static Arbitrary<String> garbage() {
        return Arbitraries.oneOf(HostileInput.text(), Arbitraries.strings().withChars("<>/=\"'&;!?[]-: abc").ofMaxLength(64));
    }

    private static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
    }
}
