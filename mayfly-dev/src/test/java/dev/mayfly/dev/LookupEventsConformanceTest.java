package dev.mayfly.dev;

import static dev.mayfly.dev.Tenants.cloudTrail;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTimeRangeException;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/** LookupEvents through the AWS SDK for Java v2's CloudTrail client: filters, pages, and documented errors. */
class LookupEventsConformanceTest {

    private static NewAccount account;
    private static CloudTrailClient trail;

    @BeforeAll
    static void fiveCalls() throws Exception {
        account = Platform.get().issuer.accounts().create("lookup");
        AwsCredentials root = root(account);
        for (int i = 0; i < 5; i++) {
            sts(root).getCallerIdentity();
        }
        trail = cloudTrail(root);
        PlatformEndToEndTest.eventually(Duration.ofSeconds(15), () -> byEventName("GetCallerIdentity", 50).events().size() >= 5 ? true : null);
    }

    private static LookupEventsResponse byEventName(String name, int maxResults) {
        return trail.lookupEvents(r -> r.maxResults(maxResults).lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue(name)));
    }

    @Test
    void lookupEventsWhenPagedByTwoThenEveryRecordOnceNewestFirst() {
        Set<String> seen = new HashSet<>();
        Instant previous = Instant.MAX;
        String token = null;
        int pages = 0;
        do {
            String next = token;
            LookupEventsResponse page = trail.lookupEvents(r -> r.maxResults(2).nextToken(next).lookupAttributes(a -> a
                    .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("GetCallerIdentity")));
            for (Event event : page.events()) {
                assertThat(seen.add(event.eventId())).as("no record twice").isTrue();
                assertThat(event.eventTime()).isBeforeOrEqualTo(previous);
                previous = event.eventTime();
                assertThat(event.username()).isEqualTo("root");
                assertThat(event.readOnly()).isEqualTo("true");
            }
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 10);
        assertThat(seen).hasSize(5);
    }

    @Test
    void lookupEventsWhenTimeWindowExcludesEverythingThenNothing() {
        Instant past = Instant.parse("2020-01-01T00:00:00Z");
        assertThat(trail.lookupEvents(r -> r.startTime(past).endTime(past.plusSeconds(60))).events()).isEmpty();
    }

    @Test
    void lookupEventsWhenTwoAttributesThenInvalidLookupAttributes() {
        LookupAttribute name = LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("x").build();
        assertThatThrownBy(() -> trail.lookupEvents(r -> r.lookupAttributes(List.of(name, name))))
                .isInstanceOf(InvalidLookupAttributesException.class);
    }

    @Test
    void lookupEventsWhenStartAfterEndThenInvalidTimeRange() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> trail.lookupEvents(r -> r.startTime(now).endTime(now.minusSeconds(60))))
                .isInstanceOf(InvalidTimeRangeException.class);
    }

    @Test
    void lookupEventsWhenNextTokenForgedThenInvalidNextToken() {
        assertThatThrownBy(() -> trail.lookupEvents(r -> r.nextToken("forged")))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    void lookupEventsWhenCalledThenItselfRecorded() throws Exception {
        Event lookup = PlatformEndToEndTest.eventually(Duration.ofSeconds(15), () ->
                byEventName("LookupEvents", 1).events().stream().findFirst().orElse(null));
        assertThat(lookup.eventSource()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(lookup.cloudTrailEvent()).contains("\"recipientAccountId\":\"" + account.accountId() + "\"");
    }
}
