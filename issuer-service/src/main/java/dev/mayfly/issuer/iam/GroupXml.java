package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.Views.GroupView;

/** IAM's Group element. */
public final class GroupXml {

    private GroupXml() {
    }

    public static void write(XmlWriter xml, GroupView group) {
        xml.element("Path", group.path()).element("GroupName", group.groupName()).element("GroupId", group.groupId())
                .element("Arn", group.arn()).element("CreateDate", group.createdAt());
    }
}
