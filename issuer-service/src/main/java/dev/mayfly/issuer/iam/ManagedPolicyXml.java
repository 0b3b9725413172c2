package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.PolicyVersion;

/** IAM's Policy and PolicyVersion elements. */
final class ManagedPolicyXml {

    private ManagedPolicyXml() {
    }

    static void write(XmlWriter xml, ManagedPolicyView policy) {
        xml.start("Policy").element("PolicyName", policy.policyName()).element("PolicyId", policy.policyId())
                .element("Arn", policy.arn()).element("Path", policy.path()).element("DefaultVersionId", policy.defaultVersionId())
                .element("AttachmentCount", policy.attachmentCount()).element("IsAttachable", true)
                .element("Description", policy.description()).element("CreateDate", policy.createdAt())
                .element("UpdateDate", policy.updatedAt()).end();
    }

    static void write(XmlWriter xml, PolicyVersion version, boolean isDefault, boolean withDocument) {
        xml.start("PolicyVersion");
        if (withDocument) {
            xml.element("Document", RoleXml.encoded(version.document()));
        }
        xml.element("VersionId", version.versionId()).element("IsDefaultVersion", isDefault).element("CreateDate", version.createdAt()).end();
    }
}
