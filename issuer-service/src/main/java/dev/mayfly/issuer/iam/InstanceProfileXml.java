package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import java.util.Optional;

/**
 * IAM's InstanceProfile element: the profile's fields, its Roles (always present, as IAM requires it; each role's fields
 * as ListRoles shows them, trust policy URL-encoded) and its tags. Shared, as every answer that shows instance profiles shows them so.
 */
public final class InstanceProfileXml {

    private InstanceProfileXml() {
    }

    /** The InstanceProfile element of CreateInstanceProfile and GetInstanceProfile. */
    public static void write(XmlWriter xml, InstanceProfileView profile, IdentityDirectory directory) {
        xml.start("InstanceProfile");
        fields(xml, profile, directory);
        xml.end();
    }

    /** The InstanceProfile element's members, for lists whose members are instance profiles. */
    public static void fields(XmlWriter xml, InstanceProfileView profile, IdentityDirectory directory) {
        xml.element("Path", profile.path()).element("InstanceProfileName", profile.instanceProfileName())
                .element("InstanceProfileId", profile.instanceProfileId()).element("Arn", profile.arn())
                .element("CreateDate", profile.createdAt());
        xml.start("Roles");
        Optional.ofNullable(profile.roleName()).flatMap(name -> directory.role(new RoleRef(profile.accountId(), name)))
                .ifPresent(role -> {
                    xml.start("member");
                    RoleXml.fields(xml, TrustPrincipals.shown(role, directory));
                    xml.end();
                });
        xml.end();
        RoleXml.tags(xml, profile.tags());
    }
}
