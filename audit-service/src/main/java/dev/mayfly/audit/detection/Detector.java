package dev.mayfly.audit.detection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.detection.AccountWindows.Refusal;
import dev.mayfly.audit.detection.DetectionSettings.Setting;
import dev.mayfly.audit.detection.PriorAssumptions.Pair;
import dev.mayfly.audit.search.SecurityQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges one CloudTrail record of an account by the detections the account turned on, as the saved queries of the same
 * names judge the records of a window: the same fields, the same conditions.
 */
final class Detector {

    private final Responses responses;

    Detector(Responses responses) {
        this.responses = responses;
    }

    /**
     * The pair whose earlier assumptions the trail must tell before this record can be judged: a successful assumption,
     * under a detection of new addresses, by a principal from an address this process does not remember it using. Asked
     * of every record of a batch before any is judged, so that the batch's pairs are looked up together.
     */
    Optional<Pair> question(JsonNode record, Instant eventTime, DetectionSettings settings, AccountWindows.Account state) {
        JsonNode identity = record.path("userIdentity");
        String principalId = identity.path("principalId").asText(null);
        String sourceIp = record.path("sourceIPAddress").asText(null);
        if (!judged(eventTime, settings) || !settings.of(Detection.ASSUME_ROLE_FROM_NEW_SOURCE_IP).enabled()
                || !record.path("eventName").asText().startsWith("AssumeRole") || record.hasNonNull("errorCode")
                || sourceIp == null || principalId == null
                || !state.mayBeFirstSight(principal(identity), sourceIp, record.path("eventID").asText())) {
            return Optional.empty();
        }
        return Optional.of(new Pair(settings.accountId(), principalId, sourceIp));
    }

    /** Calls from before the account's settings are never judged. */
    private static boolean judged(Instant eventTime, DetectionSettings settings) {
        return settings.anyEnabled() && !eventTime.isBefore(settings.updatedAt());
    }

    /**
     * @param record    a CloudTrail record of the settings' account
     * @param eventTime when the call arrived (the record holds whole seconds)
     * @param asked     what {@link #question} answered for this record before the batch was judged: a pair it did not
     *                  ask about is one this process remembered then, never new, even if judging the batch's other
     *                  records has since pushed it out of memory
     * @param prior     what the trail holds of the pairs the batch's records asked about
     */
    List<Finding> evaluate(JsonNode record, Instant eventTime, DetectionSettings settings, AccountWindows.Account state,
                           Optional<Pair> asked, PriorAssumptions.Earliest prior, Instant now) {
        if (!judged(eventTime, settings)) {
            return List.of();
        }
        JsonNode identity = record.path("userIdentity");
        String principal = principal(identity);
        String eventId = record.path("eventID").asText();
        String eventName = record.path("eventName").asText();
        String errorCode = record.path("errorCode").asText(null);
        String sourceIp = record.path("sourceIPAddress").asText(null);
        boolean assumeRole = eventName.startsWith("AssumeRole");
        List<Finding> findings = new ArrayList<>();

        Setting bursts = settings.of(Detection.FAILED_ASSUME_ROLE_BURSTS);
        if (bursts.enabled() && assumeRole && errorCode != null) {
            List<Refusal> burst = state.refused(principal, new Refusal(eventTime.toEpochMilli(), eventId), bursts.threshold(),
                    bursts.window().toMillis());
            if (!burst.isEmpty()) {
                findings.add(finding(Detection.FAILED_ASSUME_ROLE_BURSTS, settings, record, eventTime, now,
                        burst.size() + " refused " + eventName + " of " + principal + " within " + bursts.window().toSeconds() + " s.",
                        burst.stream().map(Refusal::eventId).toList()));
            }
        }
        if (asked.isPresent() && state.firstSight(principal, sourceIp, eventId) && !prior.seenBefore(asked.get(), eventTime)) {
            findings.add(finding(Detection.ASSUME_ROLE_FROM_NEW_SOURCE_IP, settings, record, eventTime, now,
                    principal + " assumed a role from " + sourceIp + ", an address it never assumed one from before.", List.of(eventId)));
        }
        // List.of refuses to be asked about null
        boolean expired = errorCode != null && SecurityQueries.EXPIRED_ERROR_CODES.contains(errorCode);
        if (settings.of(Detection.REVOKED_OR_EXPIRED_CREDENTIALS).enabled()
                && (expired || record.path("errorMessage").asText("").contains(SecurityQueries.REVOKED_MESSAGE))) {
            findings.add(finding(Detection.REVOKED_OR_EXPIRED_CREDENTIALS, settings, record, eventTime, now,
                    eventName + " of " + principal + " with " + (expired ? "expired" : "revoked") + " credentials.",
                    List.of(eventId)));
        }
        if (settings.of(Detection.CROSS_ACCOUNT_ASSUMPTIONS).enabled() && eventName.equals("AssumeRole") && record.hasNonNull("sharedEventID")) {
            boolean inbound = identity.path("type").asText().equals("AWSAccount");
            findings.add(finding(Detection.CROSS_ACCOUNT_ASSUMPTIONS, settings, record, eventTime, now,
                    (inbound ? "Inbound: " + principal + " of account " + identity.path("accountId").asText() + " assumed a role of this account."
                            : "Outbound: " + principal + " assumed a role of another account."), List.of(eventId)));
        }
        if (settings.of(Detection.ROOT_USAGE).enabled() && identity.path("type").asText().equals("Root")) {
            findings.add(finding(Detection.ROOT_USAGE, settings, record, eventTime, now, "The root user called " + eventName + ".",
                    List.of(eventId)));
        }
        return findings;
    }

    private Finding finding(Detection detection, DetectionSettings settings, JsonNode record, Instant eventTime, Instant now,
                            String summary, List<String> eventIds) {
        String findingId = Finding.idOf(detection, settings.accountId(), record.path("eventID").asText());
        return new Finding(findingId, settings.accountId(), detection, eventTime, now, principal(record.path("userIdentity")),
                record.path("sourceIPAddress").asText(null), summary, eventIds,
                responses.plan(findingId, settings.accountId(), settings.of(detection), record.path("userIdentity"), eventTime, now));
    }

    /** The principal's ARN, else its principal id, else its type (an unidentified caller). */
    static String principal(JsonNode identity) {
        return identity.path("arn").asText(identity.path("principalId").asText(identity.path("type").asText("Unknown")));
    }
}
