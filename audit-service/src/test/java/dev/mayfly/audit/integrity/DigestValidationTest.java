package dev.mayfly.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.integrity.Digest.Entry;
import dev.mayfly.contract.Json;
import dev.mayfly.privatefiles.ExposedSecretFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tamper detection: each way a trail can be changed after the fact, and a trail left alone. */
class DigestValidationTest {

    private static final String ACCOUNT = "111122223333";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant NOW = T0.plus(Duration.ofHours(3)).plusSeconds(120);

    @TempDir
    Path keys;
    private DigestSigner signer;
    private DigestValidation validation;
    private List<Map<String, Object>> records;
    private List<Digest> digests;

    @BeforeEach
    void threeHoursOfRecords() throws IOException {
        signer = DigestSigner.fromFile(keys.resolve("audit.key"));
        validation = new DigestValidation(Map.of(signer.fingerprint(), signer.publicKeyDer()), Duration.ofMinutes(1));
        records = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            records.add(record("e" + i, T0.plus(Duration.ofMinutes(20L * i + 5))));
        }
        digests = new ArrayList<>();
        String previous = null;
        for (int hour = 0; hour < 3; hour++) {
            Instant start = T0.plus(HOUR.multipliedBy(hour));
            List<Entry> entries = records.stream().filter(r -> within(r, start, start.plus(HOUR)))
                    .map(r -> new Entry((String) r.get("eventID"), (String) r.get("eventTime"), RecordHash.of(r))).toList();
            Digest digest = signer.sign(new Digest(ACCOUNT, start, start.plus(HOUR), 0, true, entries, previous, signer.fingerprint(),
                    DigestSigner.ALGORITHM, start.plus(HOUR).plusSeconds(60), null));
            digests.add(digest);
            previous = digest.signature();
        }
    }

    private static boolean within(Map<String, Object> record, Instant start, Instant end) {
        Instant time = Instant.parse((String) record.get("eventTime"));
        return !time.isBefore(start) && time.isBefore(end);
    }

    private static Map<String, Object> record(String eventId, Instant time) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", "1.11");
        record.put("userIdentity", Map.of("type", "IAMUser", "userName", "alice", "accountId", ACCOUNT));
        record.put("eventTime", time.toString());
        record.put("eventName", "AssumeRole");
        record.put("requestParameters", Map.of("roleArn", "arn:aws:iam::" + ACCOUNT + ":role/r", "durationSeconds", 900));
        record.put("responseElements", null);
        record.put("eventID", eventId);
        record.put("readOnly", false);
        record.put("recipientAccountId", ACCOUNT);
        return record;
    }

    private ValidationReport validate() {
        return validation.validate(digests, records, T0, T0.plus(Duration.ofHours(3)), NOW);
    }

    @Test
    void validateWhenNothingChangedThenIntact() {
        ValidationReport report = validate();

        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.records()).isEqualTo(9);
        assertThat(report.digests()).isEqualTo(3);
    }

    @Test
    void validateWhenRecordReadBackAsStoredJsonThenSameHash() throws IOException {
        List<Map<String, Object>> readBack = new ArrayList<>();
        for (Map<String, Object> record : records) {
            // as Elasticsearch hands it back: JSON text, members in another order, nulls dropped
            ObjectNode stored = (ObjectNode) Json.mapper().readTree(Json.mapper().writeValueAsString(record));
            ObjectNode reordered = Json.mapper().createObjectNode();
            List<String> names = new ArrayList<>();
            stored.fieldNames().forEachRemaining(names::add);
            names.reversed().forEach(name -> reordered.set(name, stored.get(name)));
            readBack.add(Json.mapper().convertValue(reordered, Map.class));
        }
        records = readBack;

        assertThat(validate().intact()).isTrue();
    }

    @Test
    void validateWhenAnIdleSpanSharesOneDigestThenIntactAndItsLossStillReported() {
        Digest last = digests.getLast();
        Instant idleEnd = last.periodEnd().plus(HOUR.multipliedBy(5));
        digests.add(signer.sign(new Digest(ACCOUNT, last.periodEnd(), idleEnd, 0, true, List.of(), last.signature(),
                signer.fingerprint(), DigestSigner.ALGORITHM, idleEnd.plusSeconds(60), null)));
        Instant now = idleEnd.plusSeconds(120);

        ValidationReport intact = validation.validate(digests, records, T0, now, now);
        digests.removeLast();
        ValidationReport truncated = validation.validate(digests, records, T0, now, now);

        assertThat(intact.intact()).as(intact.toString()).isTrue();
        assertThat(truncated.chain()).anyMatch(problem -> problem.contains("deleted at the end of the chain"));
    }

    @Test
    void validateWhenRecordModifiedThenReportedModified() {
        records.get(4).put("sourceIPAddress", "203.0.113.9");

        ValidationReport report = validate();

        assertThat(report.modified()).containsExactly("e4");
        assertThat(report.deleted()).isEmpty();
        assertThat(report.intact()).isFalse();
    }

    @Test
    void validateWhenRecordDeletedThenReportedDeleted() {
        records.remove(2);

        assertThat(validate().deleted()).containsExactly("e2");
    }

    @Test
    void validateWhenRecordInsertedThenReportedInserted() {
        records.add(record("forged", T0.plus(Duration.ofMinutes(30))));

        assertThat(validate().inserted()).containsExactly("forged");
    }

    @Test
    void validateWhenRecordCopiedUnderItsOwnEventIdThenReportedInserted() {
        records.add(new LinkedHashMap<>(records.get(3)));

        assertThat(validate().inserted()).containsExactly("e3");
    }

    @Test
    void validateWhenTwoRecordsSwapTheirTimesThenBothReportedModified() {
        Object first = records.get(1).get("eventTime");
        records.get(1).put("eventTime", records.get(5).get("eventTime"));
        records.get(5).put("eventTime", first);

        assertThat(validate().modified()).containsExactlyInAnyOrder("e1", "e5");
    }

    @Test
    void validateWhenDigestsReorderedThenChainBroken() {
        Digest second = digests.get(1);
        Digest third = digests.get(2);
        // the periods swapped, signatures and contents kept: each digest now sits where the other was
        digests.set(1, new Digest(ACCOUNT, third.periodStart(), third.periodEnd(), 0, true, second.records(), second.previousDigestSignature(),
                second.keyFingerprint(), second.signatureAlgorithm(), second.createdAt(), second.signature()));
        digests.set(2, new Digest(ACCOUNT, second.periodStart(), second.periodEnd(), 0, true, third.records(), third.previousDigestSignature(),
                third.keyFingerprint(), third.signatureAlgorithm(), third.createdAt(), third.signature()));

        ValidationReport report = validate();

        assertThat(report.chain()).anyMatch(problem -> problem.contains("altered"));
        assertThat(report.intact()).isFalse();
    }

    @Test
    void validateWhenMiddleDigestDeletedWithItsRecordsThenGapReported() {
        digests.remove(1);
        records.removeIf(r -> within(r, T0.plus(HOUR), T0.plus(HOUR.multipliedBy(2))));

        ValidationReport report = validate();

        assertThat(report.chain()).anyMatch(problem -> problem.startsWith("No digest between " + T0) && problem.endsWith("digests were deleted."));
    }

    @Test
    void validateWhenLastDigestDeletedWithItsRecordsThenEndOfChainReported() {
        digests.removeLast();
        records.removeIf(r -> within(r, T0.plus(HOUR.multipliedBy(2)), T0.plus(HOUR.multipliedBy(3))));

        ValidationReport report = validate();

        assertThat(report.chain()).anyMatch(problem -> problem.contains("deleted at the end of the chain"));
    }

    @Test
    void validateWhenDigestEntryRewrittenToMatchModifiedRecordThenSignatureFails() {
        records.get(0).put("eventName", "GetCallerIdentity");
        Digest first = digests.getFirst();
        List<Entry> entries = new ArrayList<>(first.records());
        entries.set(0, new Entry("e0", (String) records.get(0).get("eventTime"), RecordHash.of(records.get(0))));
        digests.set(0, new Digest(ACCOUNT, first.periodStart(), first.periodEnd(), 0, true, entries, null, first.keyFingerprint(),
                first.signatureAlgorithm(), first.createdAt(), first.signature()));

        ValidationReport report = validate();

        assertThat(report.chain()).anyMatch(problem -> problem.contains("does not match its signature"));
    }

    @Test
    void validateWhenDigestsResignedWithAnotherKeyThenUntrusted(@TempDir Path other) throws IOException {
        DigestSigner forger = DigestSigner.fromFile(other.resolve("forged.key"));
        Digest first = digests.getFirst();
        digests.set(0, forger.sign(new Digest(ACCOUNT, first.periodStart(), first.periodEnd(), 0, true, List.of(), null, forger.fingerprint(),
                DigestSigner.ALGORITHM, first.createdAt(), null)));

        ValidationReport report = validate();

        assertThat(report.chain()).anyMatch(problem -> problem.contains("not trusted"));
    }

    @Test
    void validateWhenRecordsNewerThanLastDigestThenUndigestedNotInserted() {
        records.add(record("fresh", T0.plus(Duration.ofHours(3)).plusSeconds(30)));

        ValidationReport report = validation.validate(digests, records, T0, NOW, NOW);

        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.undigested()).isEqualTo(1);
    }

    @Test
    void validateStoredWhenDigestNoLongerReadsAsDigestThenReportedAltered() {
        List<JsonNode> stored = new ArrayList<>(digests.stream().map(d -> (JsonNode) Json.mapper().valueToTree(d)).toList());
        ((ObjectNode) stored.get(1)).put("periodStart", "yesterday");

        ValidationReport report = validation.validateStored(stored, records, T0, T0.plus(Duration.ofHours(3)), NOW);

        assertThat(report.chain()).anyMatch(problem -> problem.contains("no longer reads as a digest"));
    }

    @Test
    void fromFileWhenKeyReadableByGroupThenRefusedNamingFileAndChmod() throws IOException {
        Path file = keys.resolve("audit.key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> DigestSigner.fromFile(file)).isInstanceOf(ExposedSecretFileException.class)
                .hasMessageContaining("chmod 600 " + file);
    }

    @Test
    void fromFileWhenKeyExistsThenSameKeyAgain() throws IOException {
        DigestSigner again = DigestSigner.fromFile(keys.resolve("audit.key"));

        assertThat(again.fingerprint()).isEqualTo(signer.fingerprint());
        assertThat(DigestSigner.verify(again.sign(digests.getFirst()), signer.publicKeyDer())).isTrue();
    }

    @Test
    void validateWhenPeriodInPartsAndAMiddlePartDeletedThenReported() {
        Digest middle = digests.get(1);
        List<Entry> entries = middle.records();
        String previous = digests.get(0).signature();
        List<Digest> parts = new ArrayList<>();
        for (int part = 0; part < entries.size(); part++) {
            Digest digest = signer.sign(new Digest(ACCOUNT, middle.periodStart(), middle.periodEnd(), part, part == entries.size() - 1,
                    List.of(entries.get(part)), previous, signer.fingerprint(), DigestSigner.ALGORITHM, middle.createdAt(), null));
            parts.add(digest);
            previous = digest.signature();
        }
        Digest third = digests.get(2);
        digests.set(2, signer.sign(new Digest(ACCOUNT, third.periodStart(), third.periodEnd(), 0, true, third.records(), previous,
                signer.fingerprint(), DigestSigner.ALGORITHM, third.createdAt(), null)));
        digests.remove(1);
        digests.addAll(1, parts);
        assertThat(parts).hasSizeGreaterThan(2);
        assertThat(validate().intact()).as(validate().toString()).isTrue();

        digests.remove(2);
        records.removeIf(r -> r.get("eventID").equals(parts.get(1).records().getFirst().eventID()));

        assertThat(validate().chain()).anyMatch(problem -> problem.contains("(part 2)") && problem.contains("digests were deleted"));
    }
}
