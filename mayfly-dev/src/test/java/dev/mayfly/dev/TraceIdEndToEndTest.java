package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.cloudTrail;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.protocol.JsonProtocolEndpoint;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

/** A SIEM's hit on a CloudTrail record leads to the call's trace: the trace id of its traceparent is in the record. */
class TraceIdEndToEndTest {

    @Test
    void getCallerIdentityWhenTheRequestCarriesATraceparentThenItsCloudTrailRecordCarriesTheTraceId() throws Exception {
        NewAccount account = Platform.get().issuer.accounts().create("traced");
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String traceId = HexFormat.of().formatHex(random);

        String requestId = sts(root(account)).getCallerIdentity(r -> r.overrideConfiguration(o -> o.putHeader("traceparent",
                "00-" + traceId + "-00f067aa0ba902b7-01"))).responseMetadata().requestId();

        Event event = eventually(Duration.ofSeconds(15), () -> cloudTrail(root(account)).lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("GetCallerIdentity"))).events().stream()
                .filter(e -> e.cloudTrailEvent().contains(requestId)).findFirst().orElse(null));
        JsonNode record = Json.mapper().readTree(event.cloudTrailEvent());
        assertThat(record.path("requestID").asText()).isEqualTo(requestId);
        assertThat(record.path("additionalEventData").path("traceId").asText()).isEqualTo(traceId);
        // and a SIEM finds it by ECS's trace.id, as Mayfly's Search does
        HttpResponse<String> found = new SignedJsonClient(root(account), "cloudtrail").target(Platform.get().auditUrl(),
                JsonProtocolEndpoint.MAYFLY_PREFIX + "Search", "{\"Query\":\"trace.id:" + traceId + "\"}");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode records = Json.mapper().readTree(found.body()).path("Records");
        assertThat(records.size()).isEqualTo(1);
        assertThat(records.get(0).path("requestID").asText()).isEqualTo(requestId);
    }
}
