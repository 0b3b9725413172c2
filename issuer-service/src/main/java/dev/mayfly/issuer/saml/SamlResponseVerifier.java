package dev.mayfly.issuer.saml;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Verifies a base64-encoded SAML 2.0 Response for an identity provider: the Response or its single Assertion signed
 * (enveloped XML signature over exactly that element, by one of the provider's certificates), the Issuer the provider's
 * entity id, an Audience and a bearer SubjectConfirmation Recipient that name AWS's sign-in endpoint, and the time
 * within NotBefore/NotOnOrAfter ({@link SamlAssertion#CLOCK_SKEW} of skew). Only direct children are read, so that an element smuggled
 * elsewhere in the document (signature wrapping) is never the one believed.
 */
public final class SamlResponseVerifier {

    static final String PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    /** The audiences and recipients AWS accepts; identity providers configured for AWS already send them. */
    static final Set<String> AWS_ENDPOINTS = Set.of("https://signin.aws.amazon.com/saml", "urn:amazon:webservices");
    private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    private static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

    private SamlResponseVerifier() {
    }

    public static SamlAssertion verify(String base64Response, SamlMetadata provider, Instant now) {
        Element response = parse(base64Response);
        Element status = child(response, PROTOCOL_NS, "Status");
        Element code = status == null ? null : child(status, PROTOCOL_NS, "StatusCode");
        if (code == null || !code.getAttribute("Value").equals(SUCCESS)) {
            throw SamlException.rejectedClaim("The SAML response does not report success.");
        }
        if (child(response, ASSERTION_NS, "EncryptedAssertion") != null) {
            throw SamlException.invalidToken("Encrypted SAML assertions are not supported.");
        }
        List<Element> assertions = children(response, ASSERTION_NS, "Assertion");
        if (assertions.size() != 1) {
            throw SamlException.invalidToken("The SAML response must contain exactly one assertion.");
        }
        Element assertion = assertions.getFirst();
        markIds(response);
        markIds(assertion);
        if (!signedBy(response, provider.signingCertificates()) && !signedBy(assertion, provider.signingCertificates())) {
            throw SamlException.invalidToken("The SAML response is not signed by the identity provider's certificate.");
        }
        Element issuer = child(assertion, ASSERTION_NS, "Issuer");
        if (issuer == null || !issuer.getTextContent().strip().equals(provider.entityId())) {
            throw SamlException.invalidToken("The SAML assertion's issuer is not the provider's entity id.");
        }
        Instant notOnOrAfter = checkConditions(assertion, now);
        Element subject = child(assertion, ASSERTION_NS, "Subject");
        Element nameId = subject == null ? null : child(subject, ASSERTION_NS, "NameID");
        if (nameId == null || nameId.getTextContent().isBlank()) {
            throw SamlException.rejectedClaim("The SAML assertion has no subject NameID.");
        }
        checkBearerConfirmation(subject, now);
        Element authn = child(assertion, ASSERTION_NS, "AuthnStatement");
        Instant sessionEnd = authn == null ? null : time(authn, "SessionNotOnOrAfter");
        return new SamlAssertion(assertion.getAttribute("ID"), provider.entityId(), nameId.getTextContent().strip(),
                nameId.hasAttribute("Format") ? nameId.getAttribute("Format") : null, audience(assertion), notOnOrAfter, sessionEnd,
                attributes(assertion));
    }

    private static Element parse(String base64Response) {
        try {
            Document document = SecureXml.parse(Base64.getMimeDecoder().decode(base64Response.strip()));
            Element root = document.getDocumentElement();
            if (!PROTOCOL_NS.equals(root.getNamespaceURI()) || !root.getLocalName().equals("Response")) {
                throw SamlException.invalidToken("The SAML assertion is not a SAML 2.0 Response.");
            }
            return root;
        } catch (SAXException | IOException | IllegalArgumentException e) {
            throw SamlException.invalidToken("The SAML assertion is not base64-encoded XML.");
        }
    }

    /** SAML's ID attributes are what signature references point at. */
    private static void markIds(Element element) {
        if (element.hasAttribute("ID")) {
            element.setIdAttribute("ID", true);
        }
    }

    /**
     * Whether the element carries, as a direct child, a valid enveloped signature whose single reference is to the
     * element itself, by one of the certificates.
     */
    private static boolean signedBy(Element element, List<X509Certificate> certificates) {
        Element signature = child(element, SamlMetadata.DSIG_NS, "Signature");
        // an empty ID is no reference target: the signature API refuses it with an IllegalArgumentException
        if (signature == null || element.getAttribute("ID").isEmpty()) {
            return false;
        }
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        for (X509Certificate certificate : certificates) {
            try {
                DOMValidateContext context = new DOMValidateContext(certificate.getPublicKey(), signature);
                context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
                context.setIdAttributeNS(element, null, "ID");
                XMLSignature xmlSignature = factory.unmarshalXMLSignature(context);
                List<?> references = xmlSignature.getSignedInfo().getReferences();
                if (references.size() != 1 || !("#" + element.getAttribute("ID")).equals(((Reference) references.getFirst()).getURI())) {
                    return false;
                }
                if (xmlSignature.validate(context)) {
                    return true;
                }
            } catch (MarshalException | XMLSignatureException | ClassCastException e) {
                return false;
            }
        }
        return false;
    }

    private static Instant checkConditions(Element assertion, Instant now) {
        Element conditions = child(assertion, ASSERTION_NS, "Conditions");
        if (conditions == null) {
            throw SamlException.invalidToken("The SAML assertion has no Conditions.");
        }
        Instant notBefore = time(conditions, "NotBefore");
        Instant notOnOrAfter = time(conditions, "NotOnOrAfter");
        if (notOnOrAfter == null) {
            throw SamlException.invalidToken("The SAML assertion's Conditions have no NotOnOrAfter.");
        }
        if (!now.isBefore(notOnOrAfter.plus(SamlAssertion.CLOCK_SKEW))) {
            throw new SamlException("ExpiredTokenException", "The SAML assertion expired at " + notOnOrAfter + ".", 400);
        }
        if (notBefore != null && now.plus(SamlAssertion.CLOCK_SKEW).isBefore(notBefore)) {
            throw SamlException.invalidToken("The SAML assertion is not valid before " + notBefore + ".");
        }
        return notOnOrAfter;
    }

    private static String audience(Element assertion) {
        Element conditions = child(assertion, ASSERTION_NS, "Conditions");
        for (Element restriction : children(conditions, ASSERTION_NS, "AudienceRestriction")) {
            for (Element audience : children(restriction, ASSERTION_NS, "Audience")) {
                if (AWS_ENDPOINTS.contains(audience.getTextContent().strip())) {
                    return audience.getTextContent().strip();
                }
            }
        }
        throw SamlException.invalidToken("The SAML assertion's audience is not https://signin.aws.amazon.com/saml.");
    }

    private static void checkBearerConfirmation(Element subject, Instant now) {
        for (Element confirmation : children(subject, ASSERTION_NS, "SubjectConfirmation")) {
            Element data = child(confirmation, ASSERTION_NS, "SubjectConfirmationData");
            if (confirmation.getAttribute("Method").equals(BEARER) && data != null && AWS_ENDPOINTS.contains(data.getAttribute("Recipient"))) {
                Instant notOnOrAfter = time(data, "NotOnOrAfter");
                if (notOnOrAfter != null && !now.isBefore(notOnOrAfter.plus(SamlAssertion.CLOCK_SKEW))) {
                    throw new SamlException("ExpiredTokenException", "The SAML assertion's subject confirmation expired at "
                            + notOnOrAfter + ".", 400);
                }
                return;
            }
        }
        throw SamlException.invalidToken("The SAML assertion has no bearer confirmation for https://signin.aws.amazon.com/saml.");
    }

    private static Map<String, List<String>> attributes(Element assertion) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Element statement : children(assertion, ASSERTION_NS, "AttributeStatement")) {
            for (Element attribute : children(statement, ASSERTION_NS, "Attribute")) {
                List<String> values = new ArrayList<>();
                children(attribute, ASSERTION_NS, "AttributeValue").forEach(v -> values.add(v.getTextContent().strip()));
                attributes.computeIfAbsent(attribute.getAttribute("Name"), k -> new ArrayList<>()).addAll(values);
            }
        }
        return attributes;
    }

    private static Instant time(Element element, String attribute) {
        if (!element.hasAttribute(attribute)) {
            return null;
        }
        try {
            return Instant.parse(element.getAttribute(attribute));
        } catch (DateTimeParseException e) {
            throw SamlException.invalidToken("The SAML assertion's " + attribute + " is not a date and time.");
        }
    }

    private static Element child(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        if (found.size() > 1) {
            throw SamlException.invalidToken("The SAML response has more than one " + localName + " where one is expected.");
        }
        return found.isEmpty() ? null : found.getFirst();
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}
