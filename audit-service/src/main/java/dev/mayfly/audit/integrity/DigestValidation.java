package dev.mayfly.audit.integrity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.integrity.Digest.Entry;
import dev.mayfly.contract.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an account's stored records against its signed digests, as CloudTrail's validate-logs checks log files: every
 * digest's signature with the public keys the auditor trusts, the chain from each digest to the one before it, and each
 * record's SHA-256 against the digest that lists it. It needs nothing from the service but the data: given the public
 * key from elsewhere, a service that lies is caught.
 *
 * @param publicKeys the trusted public keys (X.509 DER) by fingerprint
 * @param tolerance  how long after a period ends its digest may still be missing (the digester's settle time and then
 *                   some): a longer absence means digests were deleted at the end of the chain
 */
public record DigestValidation(Map<String, byte[]> publicKeys, Duration tolerance) {

    private static String name(Digest digest) {
        return digest.periodStart() + " to " + digest.periodEnd() + (digest.part() == 0 && digest.last() ? "" : " (part " + digest.part() + ")");
    }

    /**
     * Where the chain must reach by now: the end of the last period that ended at least {@code tolerance} ago, or the
     * end of the period holding {@code to} if that is earlier. The period is the shortest digest's: an idle account's
     * digest may cover several periods at once.
     */
    private Instant dueUntil(List<Digest> chain, Instant to, Instant now) {
        long period = chain.stream().mapToLong(digest -> Duration.between(digest.periodStart(), digest.periodEnd()).toMillis())
                .min().orElseThrow();
        long ended = Math.floorDiv((now.minus(tolerance)).toEpochMilli(), period) * period;
        long holdingTo = Math.floorDiv(to.toEpochMilli() + period - 1, period) * period;
        return Instant.ofEpochMilli(Math.min(ended, holdingTo));
    }

    /**
     * Validates digests as they were stored: one that no longer reads as a digest is reported as altered.
     *
     * @param stored digests of the account, as {@link DigestStore#digests} returns them
     * @param records the stored CloudTrail records of the account with an eventTime in [from, to]
     */
    public ValidationReport validateStored(List<JsonNode> stored, List<Map<String, Object>> records, Instant from, Instant to,
                                           Instant now) {
        List<Digest> digests = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (JsonNode node : stored) {
            try {
                digests.add(Json.mapper().treeToValue(node, Digest.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                unreadable.add("A digest (" + node.path("periodStart").asText("period unknown") + ") no longer reads as a digest: it was altered.");
            }
        }
        ValidationReport report = validate(digests, records, from, to, now);
        if (unreadable.isEmpty()) {
            return report;
        }
        List<String> chain = new ArrayList<>(unreadable);
        chain.addAll(report.chain());
        return new ValidationReport(report.records(), report.digests() + unreadable.size(), report.modified(), report.deleted(),
                report.inserted(), List.copyOf(chain), report.undigested(), report.digestedUntil());
    }

    /**
     * @param digests digests of the account, from the one covering {@code from} (or the account's first) onwards
     * @param records the stored CloudTrail records of the account with an eventTime in [from, to]
     */
    public ValidationReport validate(List<Digest> digests, List<Map<String, Object>> records, Instant from, Instant to, Instant now) {
        List<Digest> chain = digests.stream().sorted(Comparator.comparing(Digest::periodStart).thenComparingInt(Digest::part)).toList();
        List<String> problems = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        Digest previous = null;
        for (Digest digest : chain) {
            String period = name(digest);
            byte[] key = publicKeys.get(digest.keyFingerprint());
            if (key == null) {
                problems.add("The digest for " + period + " is signed with a key that is not trusted (" + digest.keyFingerprint() + ").");
            } else if (!DigestSigner.verify(digest, key)) {
                problems.add("The digest for " + period + " does not match its signature: it was altered.");
            } else {
                for (Entry entry : digest.records()) {
                    Instant time = Instant.parse(entry.eventTime());
                    if (!time.isBefore(from) && !time.isAfter(to)) {
                        expected.put(entry.eventID(), entry.sha256());
                    }
                }
            }
            if (previous != null) {
                if (!digest.follows(previous)) {
                    boolean forward = digest.periodStart().isAfter(previous.periodStart())
                            || digest.periodStart().equals(previous.periodStart()) && digest.part() > previous.part();
                    problems.add(forward
                            ? "No digest between " + name(previous) + " and " + name(digest) + ": digests were deleted."
                            : "The digest for " + name(digest) + " does not fit after " + name(previous) + ": digests were reordered or duplicated.");
                } else if (!String.valueOf(previous.signature()).equals(digest.previousDigestSignature())) {
                    problems.add("The digest for " + name(digest) + " does not follow the digest before it: the chain is broken.");
                }
            }
            previous = digest;
        }
        // records of a period whose last part is not sealed yet may still be waiting for it
        Instant digestedUntil = previous == null ? null : previous.last() ? previous.periodEnd() : previous.periodStart();
        if (digestedUntil != null && digestedUntil.isBefore(dueUntil(chain, to, now))) {
            problems.add("The last digest ends at " + digestedUntil + " although later periods should have digests by now: "
                    + "digests were deleted at the end of the chain.");
        }
        if (!chain.isEmpty() && chain.getFirst().previousDigestSignature() != null && chain.getFirst().periodStart().isAfter(from)) {
            problems.add("No digest covers " + from + " to " + chain.getFirst().periodStart() + ": digests were deleted.");
        }

        List<String> modified = new ArrayList<>();
        List<String> inserted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int undigested = 0;
        int checked = 0;
        for (Map<String, Object> record : records) {
            String eventId = String.valueOf(record.get("eventID"));
            Instant time = Instant.parse(String.valueOf(record.get("eventTime")));
            if (time.isBefore(from) || time.isAfter(to)) {
                continue;
            }
            checked++;
            String listed = expected.get(eventId);
            if (!seen.add(eventId)) {
                inserted.add(eventId);
            } else if (listed == null) {
                if (digestedUntil == null || !time.isBefore(digestedUntil)) {
                    undigested++;
                } else {
                    inserted.add(eventId);
                }
            } else if (!listed.equals(RecordHash.of(record))) {
                modified.add(eventId);
            }
        }
        List<String> deleted = expected.keySet().stream().filter(id -> !seen.contains(id)).sorted().toList();
        return new ValidationReport(checked, chain.size(), List.copyOf(modified), deleted, List.copyOf(inserted), List.copyOf(problems),
                undigested, digestedUntil);
    }
}
