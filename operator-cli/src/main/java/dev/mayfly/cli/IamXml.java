package dev.mayfly.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reading IAM's Query-protocol answers (XML) by path: the direct children of an element, never a descendant of the same
 * name further down (a user's "member" is not its policies' "member"). No DOCTYPE is read: the answer is data, not a
 * document that may pull in others.
 */
final class IamXml {

    private IamXml() {
    }

    /** The answer's root element. */
    static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (Exception e) {
            throw new CliException("IAM answered something that is not XML: " + e.getMessage());
        }
    }

    /** The element at a path of direct children (the first of each name), or null. */
    static Element at(Element from, String... path) {
        Element current = from;
        for (String name : path) {
            current = current == null ? null : children(current, name).stream().findFirst().orElse(null);
        }
        return current;
    }

    /** The text at a path, or null. */
    static String text(Element from, String... path) {
        Element found = at(from, path);
        return found == null ? null : found.getTextContent().trim();
    }

    /** The "member" children of the list at a path. */
    static List<Element> members(Element from, String... listPath) {
        Element list = at(from, listPath);
        return list == null ? List.of() : children(list, "member");
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (name.equals(element.getLocalName()) || name.equals(element.getTagName()))) {
                children.add(element);
            }
        }
        return children;
    }
}
