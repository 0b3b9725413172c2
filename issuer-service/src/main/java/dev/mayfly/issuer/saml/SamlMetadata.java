package dev.mayfly.issuer.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What IAM reads from a SAML identity provider's metadata document: its entity id (the Issuer of its responses), the
 * certificates it signs with (IDPSSODescriptor KeyDescriptors for signing, or without a use), and until when the
 * metadata is valid.
 */
public record SamlMetadata(String entityId, List<X509Certificate> signingCertificates, Instant validUntil) {

    static final String METADATA_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

    /** @throws SamlException InvalidInput when the document is not usable metadata */
    public static SamlMetadata parse(String document) {
        Document xml;
        try {
            xml = SecureXml.parse(document.getBytes(StandardCharsets.UTF_8));
        } catch (SAXException | IOException e) {
            throw SamlException.invalidMetadata("Could not parse metadata: it is not well-formed XML.");
        }
        Element root = xml.getDocumentElement();
        if (!METADATA_NS.equals(root.getNamespaceURI()) || !root.getLocalName().equals("EntityDescriptor")) {
            throw SamlException.invalidMetadata("Could not parse metadata: an EntityDescriptor is expected.");
        }
        String entityId = root.getAttribute("entityID");
        if (entityId.isEmpty()) {
            throw SamlException.invalidMetadata("Could not parse metadata: the EntityDescriptor has no entityID.");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        NodeList descriptors = root.getElementsByTagNameNS(METADATA_NS, "IDPSSODescriptor");
        for (int d = 0; d < descriptors.getLength(); d++) {
            NodeList keys = ((Element) descriptors.item(d)).getElementsByTagNameNS(METADATA_NS, "KeyDescriptor");
            for (int k = 0; k < keys.getLength(); k++) {
                Element key = (Element) keys.item(k);
                if (key.getAttribute("use").isEmpty() || key.getAttribute("use").equals("signing")) {
                    NodeList encoded = key.getElementsByTagNameNS(DSIG_NS, "X509Certificate");
                    for (int c = 0; c < encoded.getLength(); c++) {
                        certificates.add(certificate(encoded.item(c).getTextContent()));
                    }
                }
            }
        }
        if (certificates.isEmpty()) {
            throw SamlException.invalidMetadata("Could not parse metadata: no signing certificate in an IDPSSODescriptor.");
        }
        return new SamlMetadata(entityId, List.copyOf(certificates), validUntil(root));
    }

    private static X509Certificate certificate(String base64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64.strip());
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IllegalArgumentException e) {
            throw SamlException.invalidMetadata("Could not parse metadata: a signing certificate is not a valid X.509 certificate.");
        }
    }

    private static Instant validUntil(Element root) {
        String value = root.getAttribute("validUntil");
        try {
            return value.isEmpty() ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw SamlException.invalidMetadata("Could not parse metadata: validUntil is not a date and time.");
        }
    }
}
