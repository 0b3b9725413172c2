package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.LinkedHashMap;
import java.util.Map;

/** IAM's User element, and the same user as a CloudTrail record shows it. */
public final class UserXml {

    private UserXml() {
    }

    public static void write(XmlWriter xml, UserView user) {
        xml.start("User");
        fields(xml, user);
        RoleXml.tags(xml, user.tags());
        xml.end();
    }

    /** The User element's members, for lists whose members are users. */
    public static void fields(XmlWriter xml, UserView user) {
        xml.element("Path", user.path()).element("UserName", user.userName()).element("UserId", user.userId())
                .element("Arn", user.arn()).element("CreateDate", user.createdAt());
        RoleXml.permissionsBoundary(xml, user.permissionsBoundary());
    }

    public static Map<String, Object> recorded(UserView user) {
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("path", user.path());
        recorded.put("userName", user.userName());
        recorded.put("userId", user.userId());
        recorded.put("arn", user.arn());
        recorded.put("createDate", XmlWriter.timestamp(user.createdAt()));
        return recorded;
    }
}
