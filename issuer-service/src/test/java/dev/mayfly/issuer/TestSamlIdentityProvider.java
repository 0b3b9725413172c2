package dev.mayfly.issuer;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A SAML 2.0 identity provider for tests: its metadata, and responses whose assertion it signs (RSA-SHA256, exclusive c14n). */
public final class TestSamlIdentityProvider {

    static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String AWS = "https://signin.aws.amazon.com/saml";

    private final String entityId;
    private final KeyPair key;
    private final X509Certificate certificate;

    public TestSamlIdentityProvider(String entityId) throws Exception {
        this.entityId = entityId;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.key = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + entityId.replaceAll("[^\\w.]", "-"));
        Instant now = Instant.now();
        this.certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86400)), name, key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
    }

    public String entityId() {
        return entityId;
    }

    public String metadata() {
        String certificateBase64;
        try {
            certificateBase64 = Base64.getMimeEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return """
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="%s">
                  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                    <md:KeyDescriptor use="signing">
                      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
                        <ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data>
                      </ds:KeyInfo>
                    </md:KeyDescriptor>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
                  </md:IDPSSODescriptor>
                </md:EntityDescriptor>""".formatted(entityId, certificateBase64);
    }

    /** What the response asserts; change a field to make it wrong. */
    record Claims(String subject, String audience, String recipient, Instant notOnOrAfter, Map<String, List<String>> attributes) {
        Claims withAttributes(Map<String, List<String>> other) {
            return new Claims(subject, audience, recipient, notOnOrAfter, other);
        }
    }

    static Claims claims(String subject, String roleArn, String providerArn, String sessionName) {
        return new Claims(subject, AWS, AWS, Instant.now().plusSeconds(300), Map.of(
                "https://aws.amazon.com/SAML/Attributes/Role", List.of(roleArn + "," + providerArn),
                "https://aws.amazon.com/SAML/Attributes/RoleSessionName", List.of(sessionName),
                "https://aws.amazon.com/SAML/Attributes/SessionDuration", List.of("1800")));
    }

    /** A response with its assertion signed, as a DOM (for tests that tamper with it). */
    Document signedResponse(Claims claims) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().newDocument();
        Instant now = Instant.now();
        Element response = document.createElementNS(PROTOCOL_NS, "samlp:Response");
        response.setAttribute("ID", "_" + UUID.randomUUID());
        response.setAttribute("Version", "2.0");
        response.setAttribute("IssueInstant", now.toString());
        response.setAttribute("Destination", AWS);
        document.appendChild(response);
        response.appendChild(text(document, ASSERTION_NS, "saml:Issuer", entityId));
        Element status = document.createElementNS(PROTOCOL_NS, "samlp:Status");
        Element code = document.createElementNS(PROTOCOL_NS, "samlp:StatusCode");
        code.setAttribute("Value", "urn:oasis:names:tc:SAML:2.0:status:Success");
        status.appendChild(code);
        response.appendChild(status);

        Element assertion = document.createElementNS(ASSERTION_NS, "saml:Assertion");
        assertion.setAttribute("ID", "_" + UUID.randomUUID());
        assertion.setAttribute("Version", "2.0");
        assertion.setAttribute("IssueInstant", now.toString());
        response.appendChild(assertion);
        assertion.appendChild(text(document, ASSERTION_NS, "saml:Issuer", entityId));
        Element subject = document.createElementNS(ASSERTION_NS, "saml:Subject");
        Element nameId = text(document, ASSERTION_NS, "saml:NameID", claims.subject());
        nameId.setAttribute("Format", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        subject.appendChild(nameId);
        Element confirmation = document.createElementNS(ASSERTION_NS, "saml:SubjectConfirmation");
        confirmation.setAttribute("Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer");
        Element data = document.createElementNS(ASSERTION_NS, "saml:SubjectConfirmationData");
        data.setAttribute("NotOnOrAfter", claims.notOnOrAfter().toString());
        data.setAttribute("Recipient", claims.recipient());
        confirmation.appendChild(data);
        subject.appendChild(confirmation);
        assertion.appendChild(subject);
        Element conditions = document.createElementNS(ASSERTION_NS, "saml:Conditions");
        conditions.setAttribute("NotBefore", now.minusSeconds(5).toString());
        conditions.setAttribute("NotOnOrAfter", claims.notOnOrAfter().toString());
        Element restriction = document.createElementNS(ASSERTION_NS, "saml:AudienceRestriction");
        restriction.appendChild(text(document, ASSERTION_NS, "saml:Audience", claims.audience()));
        conditions.appendChild(restriction);
        assertion.appendChild(conditions);
        Element authn = document.createElementNS(ASSERTION_NS, "saml:AuthnStatement");
        authn.setAttribute("AuthnInstant", now.toString());
        authn.setAttribute("SessionNotOnOrAfter", now.plusSeconds(8 * 3600).toString());
        assertion.appendChild(authn);
        Element statement = document.createElementNS(ASSERTION_NS, "saml:AttributeStatement");
        claims.attributes().forEach((name, values) -> {
            Element attribute = document.createElementNS(ASSERTION_NS, "saml:Attribute");
            attribute.setAttribute("Name", name);
            values.forEach(v -> attribute.appendChild(text(document, ASSERTION_NS, "saml:AttributeValue", v)));
            statement.appendChild(attribute);
        });
        assertion.appendChild(statement);
        // signed as a parser will see it: with its namespace declarations written out
        Document parsed = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(encode(document))));
        Element parsedAssertion = (Element) parsed.getElementsByTagNameNS(ASSERTION_NS, "Assertion").item(0);
        Element parsedIssuer = (Element) parsedAssertion.getElementsByTagNameNS(ASSERTION_NS, "Issuer").item(0);
        sign(parsedAssertion, parsedIssuer.getNextSibling());
        return parsed;
    }

    /** A signed response, base64-encoded as AssumeRoleWithSAML takes it. */
    String response(Claims claims) throws Exception {
        return encode(signedResponse(claims));
    }

    static String encode(Document document) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private void sign(Element element, org.w3c.dom.Node before) throws Exception {
        element.setIdAttribute("ID", true);
        XMLSignatureFactory signatures = XMLSignatureFactory.getInstance("DOM");
        Reference reference = signatures.newReference("#" + element.getAttribute("ID"), signatures.newDigestMethod(DigestMethod.SHA256, null),
                List.of(signatures.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        signatures.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
        SignedInfo signedInfo = signatures.newSignedInfo(signatures.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE,
                (C14NMethodParameterSpec) null), signatures.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(reference));
        DOMSignContext context = new DOMSignContext(key.getPrivate(), element, before);
        context.setDefaultNamespacePrefix("ds");
        signatures.newXMLSignature(signedInfo, null).sign(context);
    }

    private static Element text(Document document, String namespace, String name, String value) {
        Element element = document.createElementNS(namespace, name);
        element.setTextContent(value);
        return element;
    }

    static String utf8(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
