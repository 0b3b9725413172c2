package dev.mayfly.audit.detection;

import dev.mayfly.audit.protocol.JsonProtocolException;
import java.util.Arrays;
import java.util.List;

/** The detections, named as the saved queries they run continuously. */
public enum Detection {

    FAILED_ASSUME_ROLE_BURSTS("FailedAssumeRoleBursts",
            "A principal refused AssumeRole (any kind) at least Threshold times within WindowSeconds."),
    ASSUME_ROLE_FROM_NEW_SOURCE_IP("AssumeRoleFromNewSourceIp",
            "A principal assumed a role from a source IP it never assumed one from before."),
    REVOKED_OR_EXPIRED_CREDENTIALS("RevokedOrExpiredCredentials",
            "A call made with expired credentials, or with a session a revocation rule refused."),
    CROSS_ACCOUNT_ASSUMPTIONS("CrossAccountAssumptions",
            "AssumeRole across accounts, inbound (a principal of another account assumed a role of this one) and outbound."),
    ROOT_USAGE("RootUsage", "A call of the account's root user.");

    private final String apiName;
    private final String description;

    Detection(String apiName, String description) {
        this.apiName = apiName;
        this.description = description;
    }

    /** As the API, findings and settings spell it. */
    public String apiName() {
        return apiName;
    }

    public String description() {
        return description;
    }

    /** The detection of this name; ValidationException for any other. */
    public static Detection named(String name) {
        return Arrays.stream(values()).filter(d -> d.apiName.equals(name)).findFirst().orElseThrow(() -> new JsonProtocolException(
                "ValidationException", "No detection named '" + truncated(name) + "'; detections are " + names() + "."));
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Detection::apiName).toList();
    }

    private static String truncated(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
