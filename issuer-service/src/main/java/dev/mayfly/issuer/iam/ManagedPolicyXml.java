package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.PolicyVersion;

/** IAM's Policy and PolicyVersion elements. */
public final class ManagedPolicyXml {

    private ManagedPolicyXml() {
    }

    /** The Policy element of CreatePolicy and GetPolicy. */
    public static void write(XmlWriter xml, ManagedPolicyView policy, long boundaryUsage) {
        xml.start("Policy");
        fields(xml, policy, boundaryUsage);
        xml.element("Description", policy.description());
        RoleXml.tags(xml, policy.tags());
        xml.end();
    }

    /** A policy's fields as ListPolicies lists them (without its description, as IAM does). */
    public static void fields(XmlWriter xml, ManagedPolicyView policy, long boundaryUsage) {
        xml.element("PolicyName", policy.policyName()).element("PolicyId", policy.policyId())
                .element("Arn", policy.arn()).element("Path", policy.path()).element("DefaultVersionId", policy.defaultVersionId())
                .element("AttachmentCount", policy.attachmentCount()).element("PermissionsBoundaryUsageCount", boundaryUsage)
                .element("IsAttachable", true).element("CreateDate", policy.createdAt()).element("UpdateDate", policy.updatedAt());
    }

    public static void write(XmlWriter xml, PolicyVersion version, boolean isDefault, boolean withDocument) {
        xml.start("PolicyVersion");
        versionFields(xml, version, isDefault, withDocument);
        xml.end();
    }

    public static void versionFields(XmlWriter xml, PolicyVersion version, boolean isDefault, boolean withDocument) {
        if (withDocument) {
            xml.element("Document", RoleXml.encoded(version.document()));
        }
        xml.element("VersionId", version.versionId()).element("IsDefaultVersion", isDefault).element("CreateDate", version.createdAt());
    }
}
