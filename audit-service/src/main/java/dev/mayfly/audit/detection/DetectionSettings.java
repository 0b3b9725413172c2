package dev.mayfly.audit.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.net.AddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
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
 * @param webhook   where every new finding is posted, or null
 */
public record DetectionSettings(String accountId, Instant updatedAt, Map<Detection, Setting> detections, Webhook webhook) {

    /**
     * @param secret the account's HMAC key for the webhook's signatures: made by Mayfly, shown once (in the answer of the
     *               PutDetectionSettings that made it), never in a record, an event or a log, stored sealed
     *               ({@link WebhookSecrets}); null when the stored one does not open in this process
     */
    public record Webhook(URI url, String secret) {

        @Override
        public String toString() {
            return "Webhook[" + url + "]";
        }
    }

    static final int MAX_THRESHOLD = 1000;
    static final int MIN_WINDOW_SECONDS = 10;
    static final int MAX_WINDOW_SECONDS = 3600;
    /** A quarantine lasts at most a week, as the revocation service allows. */
    static final int MAX_QUARANTINE_MINUTES = 7 * 24 * 60;
    private static final Set<String> MEMBERS = Set.of("Name", "Enabled", "Threshold", "WindowSeconds", "Response", "QuarantineMinutes");
    private static final Set<String> REQUEST_MEMBERS = Set.of("Detections", "Webhook");
    private static final Set<String> WEBHOOK_MEMBERS = Set.of("Url", "RotateSecret");
    /** What a record holds instead of a value it must not keep, as CloudTrail's records do. */
    private static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
    private static final int MAX_URL_CHARS = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A detection turned off keeps nothing of its settings: off is off, however it was put. */
    public DetectionSettings {
        Map<Detection, Setting> enabled = new EnumMap<>(Detection.class);
        detections.forEach((detection, setting) -> {
            if (setting.enabled()) {
                enabled.put(detection, setting);
            }
        });
        detections = Map.copyOf(enabled);
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
        return new DetectionSettings(accountId, Instant.EPOCH, Map.of(), null);
    }

    public Setting of(Detection detection) {
        return detections.getOrDefault(detection, Setting.OFF);
    }

    public boolean anyEnabled() {
        return detections.values().stream().anyMatch(Setting::enabled);
    }

    /**
     * PutDetectionSettings' request: {"Detections": [{"Name", "Enabled", "Threshold", "WindowSeconds", "Response",
     * "QuarantineMinutes"}], "Webhook": {"Url", "RotateSecret"}}, every member but Name optional. Replaces all of the
     * account's settings: a detection not listed is off, no Webhook removes it. The webhook keeps its secret unless
     * RotateSecret asks for a new one (or there was none).
     *
     * @param previous the settings replaced, whose webhook secret is kept
     * @param addresses where a webhook may point: a URL naming a refused address literally is refused here, a name when
     *                  a delivery resolves it
     */
    public static DetectionSettings from(String accountId, JsonNode request, Instant now, DetectionSettings previous,
                                         AddressPolicy addresses) {
        request.fieldNames().forEachRemaining(member -> {
            if (!REQUEST_MEMBERS.contains(member)) {
                throw invalid("Unknown member " + shortened(member) + "; the request has " + REQUEST_MEMBERS + ".");
            }
        });
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
                    throw invalid("Unknown member " + shortened(member) + "; a detection has " + MEMBERS + ".");
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
        return new DetectionSettings(accountId, now, detections, webhook(request.get("Webhook"), previous.webhook(), addresses));
    }

    private static Webhook webhook(JsonNode webhook, Webhook previous, AddressPolicy addresses) {
        if (webhook == null || webhook.isNull()) {
            return null;
        }
        if (!webhook.isObject()) {
            throw invalid("Webhook is an object: {\"Url\", \"RotateSecret\"}.");
        }
        webhook.fieldNames().forEachRemaining(member -> {
            if (!WEBHOOK_MEMBERS.contains(member)) {
                throw invalid("Unknown member " + shortened(member) + "; a webhook has " + WEBHOOK_MEMBERS + ".");
            }
        });
        URI url = webhookUrl(text(webhook, "Url", null), addresses);
        boolean rotate = flag(webhook, "RotateSecret", false);
        // a secret that no longer opens (the key that sealed it is gone) is replaced, and the new one shown
        String secret = previous != null && previous.secret() != null && !rotate ? previous.secret() : newSecret();
        return new Webhook(url, secret);
    }

    /** An http or https URL with a host, no user info, no fragment, whose host is no refused address literal. */
    private static URI webhookUrl(String text, AddressPolicy addresses) {
        URI url;
        try {
            url = text.length() > MAX_URL_CHARS ? null : new URI(text);
        } catch (URISyntaxException e) {
            url = null;
        }
        if (url == null || url.getScheme() == null || !url.getScheme().matches("(?i)https?") || url.getHost() == null
                || url.getRawUserInfo() != null || url.getRawFragment() != null || url.getPort() > 65535) {
            throw invalid("Webhook Url must be an http or https URL with a host, without user info or fragment, at most "
                    + MAX_URL_CHARS + " characters.");
        }
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        if (host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            try {
                if (!addresses.permits(InetAddress.getByName(host))) {
                    throw invalid("Webhook Url names an address that is not public.");
                }
            } catch (UnknownHostException e) {
                throw invalid("Webhook Url names no valid address.");
            }
        }
        return url;
    }

    /**
     * A PutDetectionSettings request as its record keeps it: a webhook's URL may carry a token (many services' webhook
     * URLs are their own credential), so it is replaced, as CloudTrail replaces what it must not keep. Refused requests
     * are recorded too: a webhook of any shape or spelling ("url", a bare string) keeps nothing but RotateSecret.
     */
    static JsonNode recorded(JsonNode request) {
        ObjectNode kept = request.deepCopy();
        request.fieldNames().forEachRemaining(member -> {
            if (member.equalsIgnoreCase("Webhook") && !request.get(member).isNull()) {
                kept.set(member, hidden(request.get(member)));
            }
        });
        return kept;
    }

    private static JsonNode hidden(JsonNode webhook) {
        if (!webhook.isObject()) {
            return TextNode.valueOf(HIDDEN);
        }
        ObjectNode kept = webhook.deepCopy();
        webhook.fieldNames().forEachRemaining(member -> {
            if (!member.equals("RotateSecret") || !webhook.get(member).isBoolean()) {
                kept.put(member, HIDDEN);
            }
        });
        return kept;
    }

    private static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + HexFormat.of().formatHex(key);
    }

    private static String shortened(String member) {
        return member.length() > 64 ? member.substring(0, 64) + "..." : member;
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
        if (webhook != null) {
            json.putObject("Webhook").put("Url", webhook.url().toString());
        }
        return json;
    }

    /** As stored: the answer, and the webhook's secret sealed. */
    ObjectNode toDocument(WebhookSecrets secrets) {
        ObjectNode document = toJson();
        if (webhook != null) {
            ((ObjectNode) document.get("Webhook")).put("SealedSecret", secrets.seal(accountId, webhook.secret()));
        }
        return document;
    }

    /** Settings as {@link #toDocument} stored them (or, in plain text, as the audit service did before it sealed them). */
    static DetectionSettings fromDocument(JsonNode document, WebhookSecrets secrets) {
        Map<Detection, Setting> detections = new EnumMap<>(Detection.class);
        for (JsonNode entry : document.path("Detections")) {
            detections.put(Detection.named(entry.path("Name").asText()), new Setting(entry.path("Enabled").asBoolean(),
                    entry.path("Threshold").asInt(), Duration.ofSeconds(entry.path("WindowSeconds").asLong()),
                    Response.named(entry.path("Response").asText()), Duration.ofMinutes(entry.path("QuarantineMinutes").asLong())));
        }
        JsonNode webhook = document.path("Webhook");
        String accountId = document.path("AccountId").asText();
        String secret = webhook.hasNonNull("SealedSecret") ? secrets.open(accountId, webhook.path("SealedSecret").asText()).orElse(null)
                : webhook.path("Secret").asText(null);
        return new DetectionSettings(accountId, Instant.parse(document.path("UpdatedAt").asText()), detections,
                webhook.isObject() ? new Webhook(URI.create(webhook.path("Url").asText()), secret) : null);
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
