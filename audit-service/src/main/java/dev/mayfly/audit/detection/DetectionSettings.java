package dev.mayfly.audit.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.contract.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One account's detections: which run, with what threshold and window, and what each does when it fires. A detection
 * the account never turned on does not run: like GuardDuty, detections are enabled per account.
 *
 * @param updatedAt when the account last put them; calls before it are never judged by them (no finding for the past)
 */
public record DetectionSettings(String accountId, Instant updatedAt, Map<Detection, Setting> detections) {

    static final int MAX_THRESHOLD = 1000;
    static final int MIN_WINDOW_SECONDS = 10;
    static final int MAX_WINDOW_SECONDS = 3600;
    /** A quarantine lasts at most a week, as the revocation service allows. */
    static final int MAX_QUARANTINE_MINUTES = 7 * 24 * 60;
    private static final Set<String> MEMBERS = Set.of("Name", "Enabled", "Threshold", "WindowSeconds", "Response", "QuarantineMinutes");

    public DetectionSettings {
        detections = Map.copyOf(detections);
    }

    /** What a detection does when it fires, besides making a finding. */
    public enum Response {
        NONE("None"), QUARANTINE("Quarantine"), REVOKE("Revoke");

        private final String apiName;

        Response(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }

        static Response named(String name) {
            return Arrays.stream(values()).filter(r -> r.apiName.equalsIgnoreCase(name)).findFirst().orElseThrow(() ->
                    invalid("Response must be None, Quarantine or Revoke."));
        }
    }

    /**
     * @param threshold     how many refused calls make a burst (FailedAssumeRoleBursts only)
     * @param window        within how long (FailedAssumeRoleBursts only)
     * @param quarantineFor how long a Quarantine response lasts
     */
    public record Setting(boolean enabled, int threshold, Duration window, Response response, Duration quarantineFor) {

        static final Setting OFF = new Setting(false, 5, Duration.ofSeconds(60), Response.NONE, Duration.ofHours(1));
    }

    /** An account that never put settings: nothing runs. */
    public static DetectionSettings none(String accountId) {
        return new DetectionSettings(accountId, Instant.EPOCH, Map.of());
    }

    public Setting of(Detection detection) {
        return detections.getOrDefault(detection, Setting.OFF);
    }

    public boolean anyEnabled() {
        return detections.values().stream().anyMatch(Setting::enabled);
    }

    /**
     * PutDetectionSettings' request: {"Detections": [{"Name", "Enabled", "Threshold", "WindowSeconds", "Response",
     * "QuarantineMinutes"}]}, every member but Name optional. Replaces all of the account's settings: a detection not
     * listed is off.
     */
    public static DetectionSettings from(String accountId, JsonNode request, Instant now) {
        JsonNode list = request.path("Detections");
        if (!list.isArray() || list.size() > Detection.values().length) {
            throw invalid("Detections must be a list of at most " + Detection.values().length + " detections.");
        }
        Map<Detection, Setting> detections = new EnumMap<>(Detection.class);
        for (JsonNode entry : list) {
            if (!entry.isObject()) {
                throw invalid("Each of Detections is an object.");
            }
            entry.fieldNames().forEachRemaining(member -> {
                if (!MEMBERS.contains(member)) {
                    throw invalid("Unknown member " + (member.length() > 64 ? member.substring(0, 64) : member) + "; a detection has " + MEMBERS + ".");
                }
            });
            Detection detection = Detection.named(text(entry, "Name", null));
            boolean enabled = flag(entry, "Enabled", true);
            int threshold = number(entry, "Threshold", 5, 1, MAX_THRESHOLD);
            int window = number(entry, "WindowSeconds", 60, MIN_WINDOW_SECONDS, MAX_WINDOW_SECONDS);
            Response response = Response.named(text(entry, "Response", "None"));
            int quarantineMinutes = number(entry, "QuarantineMinutes", 60, 1, MAX_QUARANTINE_MINUTES);
            if (detections.put(detection, new Setting(enabled, threshold, Duration.ofSeconds(window), response,
                    Duration.ofMinutes(quarantineMinutes))) != null) {
                throw invalid("Detection " + detection.apiName() + " is listed twice.");
            }
        }
        return new DetectionSettings(accountId, now, detections);
    }

    /** The answer of GetDetectionSettings, every detection listed, and the stored document. */
    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("AccountId", accountId);
        json.put("UpdatedAt", updatedAt.toString());
        ArrayNode list = json.putArray("Detections");
        for (Detection detection : Detection.values()) {
            Setting setting = of(detection);
            list.addObject().put("Name", detection.apiName()).put("Description", detection.description())
                    .put("Enabled", setting.enabled()).put("Threshold", setting.threshold())
                    .put("WindowSeconds", setting.window().toSeconds()).put("Response", setting.response().apiName())
                    .put("QuarantineMinutes", setting.quarantineFor().toMinutes());
        }
        return json;
    }

    /** Settings as {@link #toJson} stored them. */
    static DetectionSettings fromDocument(JsonNode document) {
        Map<Detection, Setting> detections = new EnumMap<>(Detection.class);
        for (JsonNode entry : document.path("Detections")) {
            detections.put(Detection.named(entry.path("Name").asText()), new Setting(entry.path("Enabled").asBoolean(),
                    entry.path("Threshold").asInt(), Duration.ofSeconds(entry.path("WindowSeconds").asLong()),
                    Response.named(entry.path("Response").asText()), Duration.ofMinutes(entry.path("QuarantineMinutes").asLong())));
        }
        return new DetectionSettings(document.path("AccountId").asText(), Instant.parse(document.path("UpdatedAt").asText()), detections);
    }

    private static String text(JsonNode entry, String member, String fallback) {
        JsonNode value = entry.get(member);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw invalid(member + " is required.");
            }
            return fallback;
        }
        if (!value.isTextual()) {
            throw invalid(member + " must be a string.");
        }
        return value.asText();
    }

    private static boolean flag(JsonNode entry, String member, boolean fallback) {
        JsonNode value = entry.get(member);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid(member + " must be true or false.");
        }
        return value.asBoolean();
    }

    private static int number(JsonNode entry, String member, int fallback, int min, int max) {
        JsonNode value = entry.get(member);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw invalid(member + " must be a whole number from " + min + " to " + max + ".");
        }
        return value.asInt();
    }

    private static JsonProtocolException invalid(String message) {
        return new JsonProtocolException("ValidationException", message);
    }
}
