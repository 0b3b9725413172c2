package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.Views.RoleView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** IAM's Role element. As IAM does, the trust policy is returned URL-encoded (RFC 3986). */
public final class RoleXml {

    private RoleXml() {
    }

    /** The Role element of CreateRole and GetRole: the role's fields and its tags. */
    public static void write(XmlWriter xml, RoleView role) {
        xml.start("Role");
        fields(xml, role);
        tags(xml, role.tags());
        xml.end();
    }

    /** A Tags element, when there are tags. */
    public static void tags(XmlWriter xml, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            xml.start("Tags");
            tags.forEach((key, value) -> xml.start("member").element("Key", key).element("Value", value).end());
            xml.end();
        }
    }

    /** The Role element's members, for lists whose members are roles. */
    public static void fields(XmlWriter xml, RoleView role) {
        xml.element("Path", role.path()).element("RoleName", role.roleName()).element("RoleId", role.roleId())
                .element("Arn", role.arn()).element("CreateDate", role.createdAt())
                .element("AssumeRolePolicyDocument", encoded(role.trustPolicy()))
                .element("Description", role.description()).element("MaxSessionDuration", role.maxSessionDuration());
        permissionsBoundary(xml, role.permissionsBoundary());
    }

    /** The PermissionsBoundary element of users and roles, when one is set. */
    public static void permissionsBoundary(XmlWriter xml, String policyArn) {
        if (policyArn != null) {
            xml.start("PermissionsBoundary").element("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                    .element("PermissionsBoundaryArn", policyArn).end();
        }
    }

    /** IAM returns policy documents URL-encoded (RFC 3986). */
    public static String encoded(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
