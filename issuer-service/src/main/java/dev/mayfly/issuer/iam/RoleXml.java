package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.Views.RoleView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** IAM's Role element. As IAM does, the trust policy is returned URL-encoded (RFC 3986). */
final class RoleXml {

    private RoleXml() {
    }

    static void write(XmlWriter xml, RoleView role) {
        xml.start("Role").element("Path", role.path()).element("RoleName", role.roleName()).element("RoleId", role.roleId())
                .element("Arn", role.arn()).element("CreateDate", role.createdAt())
                .element("AssumeRolePolicyDocument", URLEncoder.encode(role.trustPolicy(), StandardCharsets.UTF_8).replace("+", "%20"))
                .element("Description", role.description()).element("MaxSessionDuration", role.maxSessionDuration()).end();
    }
}
