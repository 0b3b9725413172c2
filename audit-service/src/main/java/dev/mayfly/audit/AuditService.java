package dev.mayfly.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import dev.mayfly.audit.console.ConsoleEndpoint;
import dev.mayfly.audit.detection.DetectionEngine;
import dev.mayfly.audit.detection.DetectionOperations;
import dev.mayfly.audit.detection.DetectionSettingsStore;
import dev.mayfly.audit.detection.WebhookSecrets;
import dev.mayfly.audit.detection.FindingStore;
import dev.mayfly.audit.detection.WebhookDeliveries;
import dev.mayfly.audit.integrity.DigestSigner;
import dev.mayfly.audit.integrity.DigestSigningKeys;
import dev.mayfly.audit.integrity.DigestStore;
import dev.mayfly.audit.integrity.Digester;
import dev.mayfly.audit.integrity.DigesterLease;
import dev.mayfly.audit.integrity.IntegrityOperations;
import dev.mayfly.audit.leastprivilege.LeastPrivilegeOperations;
import dev.mayfly.audit.lookup.LookupOperations;
import dev.mayfly.audit.projection.ApiCalls;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.projection.AuditProjector;
import dev.mayfly.audit.projection.DeadLetters;
import dev.mayfly.audit.projection.RecordWriter;
import dev.mayfly.audit.projection.Retention;
import dev.mayfly.audit.protocol.JsonProtocolEndpoint;
import dev.mayfly.audit.search.SearchOperations;
import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.contract.Topics;
import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.RingPublicKeys;
import dev.mayfly.deploymentkeys.ServiceSigningRing;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.runtime.HttpService;
import dev.mayfly.runtime.ManagementListener;
import dev.mayfly.runtime.ServiceHealth.Status;
import dev.mayfly.runtime.ServiceHealth;
import dev.mayfly.runtime.ServiceMetrics;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsSettings;
import dev.mayfly.runtime.audit.ApiCallSender;
import dev.mayfly.runtime.audit.CallAuditing;
import dev.mayfly.runtime.audit.CallLimits;
import dev.mayfly.runtime.audit.FeedRefusalTrail;
import dev.mayfly.runtime.authz.RemoteAuthorizer;
import dev.mayfly.runtime.tracing.RequestTracing;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.PublicKeys;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.VerifiedSignatures;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CloudTrail for Mayfly: wiring and lifecycle. */
public final class AuditService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);
    /** How the operator's trail names the audit service in its summaries. */
    private static final String EVENT_SOURCE = "audit.mayfly";
    /**
     * The buckets of mayfly_audit_ingest_lag_seconds: a record is due within a second (README), and one minutes late
     * is an outage of Kafka or Elasticsearch.
     */
    private static final Duration[] INGEST_LAG_BUCKETS = Stream.of(50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);
    /** A webhook that has not answered within this is tried again later. */
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(5);
    private final AuditElasticsearch elasticsearch;
    private final AuditProjector projector;
    private final Digester digester;
    private final DetectionEngine detections;
    private final Retention retention;
    private final ApiCallSender recorder;
    private final CallLimits limits;
    private final FeedRefusalTrail refusalTrail;
    private final HttpService http;
    private final ManagementListener management;
    private final ServiceMetrics metrics;
    private final ServiceSigningRing feedSigningRing;
    private final Set<String> targets;
    private final DigestSigningKeys digestKeys;

    /** The X-Amz-Target values this service answers: CloudTrail's and Mayfly's (service-models/mayfly-audit). */
    public Set<String> targets() {
        return targets;
    }

    private AuditService(AuditElasticsearch elasticsearch, AuditProjector projector, Digester digester, DetectionEngine detections,
                         Retention retention,
                         ApiCallSender recorder, CallLimits limits, FeedRefusalTrail refusalTrail, HttpService http,
                         ManagementListener management, ServiceMetrics metrics, ServiceSigningRing feedSigningRing,
                         DigestSigningKeys digestKeys, Set<String> targets) {
        this.targets = targets;
        this.feedSigningRing = feedSigningRing;
        this.digestKeys = digestKeys;
        this.limits = limits;
        this.refusalTrail = refusalTrail;
        this.elasticsearch = elasticsearch;
        this.projector = projector;
        this.digester = digester;
        this.detections = detections;
        this.retention = retention;
        this.recorder = recorder;
        this.http = http;
        this.management = management;
        this.metrics = metrics;
    }

    /**
     * Whose records on mayfly.events are trusted: the producers' public key files, and, with a key-encryption key, their
     * signing rings on mayfly.keys, so that a ring rotated by any process is trusted here within seconds, without a new
     * copy of its .pub file.
     */
    private static List<PublicKeys> producersKeys(AuditSettings settings, ServiceSigningRing feedSigningRing) {
        List<PublicKeys> producers = new ArrayList<>(settings.eventProducersPublicKeysFiles().stream().map(PublicKeyFile::watch).toList());
        feedSigningRing.topic().ifPresent(rings -> Stream.of(DeploymentRing.ISSUER_SIGNING, DeploymentRing.REVOCATION_SIGNING)
                .map(ring -> RingPublicKeys.follow(rings, ring)).forEach(producers::add));
        return producers;
    }

    public static AuditService start(AuditSettings settings) throws IOException {
        Clock clock = Clock.systemUTC();
        // the deployment's audit-feed-signing ring on mayfly.keys (or, without a key-encryption key, this service's own file);
        // first, so that a service refused for a missing ring holds nothing else open
        ServiceSigningRing feedSigningRing = ServiceSigningRing.open(settings.keyEncryptionKey(), settings.kafka(),
                DeploymentRing.AUDIT_FEED_SIGNING, new PublishedKeyRing(settings.signingKeysFile(), settings.signingPublicKeysFile()),
                clock.instant());
        // the digest key likewise: the audit-digest-signing ring, the same in every audit process, or this process's own file
        DigestSigningKeys digestKeys;
        try {
            digestKeys = DigestSigningKeys.open(settings.keyEncryptionKey(), settings.kafka(), settings.integrity().signingKeyFile(), clock);
        } catch (IOException | RuntimeException e) {
            feedSigningRing.close();
            throw e;
        }
        AuditElasticsearch elasticsearch = AuditElasticsearch.open(settings.elasticsearch());
        ElasticsearchClient client = elasticsearch.client();
        AuditIndices indices = new AuditIndices(client, settings.storage().indexPeriod(), settings.storage().shards());
        indices.installTemplate();
        // created ahead of the first record, so that no search races the creation of the period's index
        indices.indexFor(clock.instant());
        DigestStore digests = new DigestStore(client).install(settings.storage().shards().replicas());
        // after a restart, existing indices recover for a moment: serve only once their primaries are back
        client.cluster().health(h -> h.waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("60s")));
        FindingStore findings = new FindingStore(client).install(settings.storage().shards().replicas());
        Retention retention = Retention.start(settings.storage().retention(), clock, List.of(indices::deleteExpired, findings::deleteExpired));
        DeadLetters deadLetters = new DeadLetters(elasticsearch, clock).install(settings.storage().shards().replicas());
        RecordSigner feedSigner = new RecordSigner(feedSigningRing.current(), clock);
        feedSigningRing.whenChanged(feedSigner::use);
        ApiCallSender recorder = new ApiCallSender(settings.kafka(), "mayfly-audit", feedSigner);
        FeedRefusalTrail refusalTrail = new FeedRefusalTrail(EVENT_SOURCE, recorder, clock);
        RefusedRecords refused = new RefusedRecords(refusalTrail);
        List<PublicKeys> producers = producersKeys(settings, feedSigningRing);
        // the projection and the digester read the same records: each signature is verified once, by whichever is first
        VerifiedSignatures verifiedSignatures = new VerifiedSignatures();
        ServiceMetrics metrics = new ServiceMetrics("audit");
        Timer ingestLag = Timer.builder("mayfly.audit.ingest.lag").serviceLevelObjectives(INGEST_LAG_BUCKETS)
                .description("from a call's arrival to its CloudTrail record's write: how fresh the audit trail is").register(metrics.registry());
        AuditProjector projector = AuditProjector.start(settings.kafka(), settings.consumerGroup(),
                new RecordWriter(elasticsearch, indices, deadLetters, "projection"), new ApiCalls(new RecordVerifier(producers, refused, verifiedSignatures)),
                ingestLag);
        DigestSigner signer = digestKeys.signer();
        // the digester reads the same records as the projection: its refusals are logged, but counted and reported once
        // one digester per deployment seals (the lease's holder), the others stand by: one chain, however many processes
        String digesterGroup = settings.consumerGroup() + "-digests";
        DigesterLease digesterLease = DigesterLease.start(client, digesterGroup, settings.integrity().digesterLease(),
                settings.storage().shards().replicas());
        Digester digester = Digester.start(settings.kafka(), digesterGroup, digests, signer,
                new ApiCalls(new RecordVerifier(producers, new RefusedRecords(), verifiedSignatures)), digesterLease, settings.integrity().digestPeriod(),
                settings.integrity().settle(), clock);
        // the detections read the same records again, in a group of their own: what they find never waits for the projection
        DetectionSettingsStore detectionSettings = new DetectionSettingsStore(client,
                WebhookSecrets.open(settings.keyEncryptionKey(), settings.webhookSecretsKeyFile()), clock).install(settings.storage().shards().replicas());
        WebhookDeliveries webhooks;
        DetectionEngine detections = DetectionEngine.start(settings.kafka(), settings.consumerGroup() + "-detections",
                new ApiCalls(new RecordVerifier(producers, new RefusedRecords(), verifiedSignatures)), detectionSettings, findings,
                DetectionEngine.responses(settings.kafka(), feedSigner),
                webhooks = DetectionEngine.webhooks(settings.detectionWebhookAddresses(), WEBHOOK_TIMEOUT, findings, clock),
                DetectionEngine.priorAssumptions(client), clock);
        FunctionCounter.builder("mayfly.audit.detection.findings", detections, DetectionEngine::found)
                .description("Findings the detections made, since start").register(metrics.registry());
        FunctionCounter.builder("mayfly.audit.detection.responses", detections, DetectionEngine::responsesRequested)
                .description("Responses (quarantines, revocations) findings asked of the revocation service, since start").register(metrics.registry());
        FunctionCounter.builder("mayfly.audit.detection.webhook.delivered", webhooks, WebhookDeliveries::delivered)
                .description("Findings delivered to their account's webhook, since start").register(metrics.registry());
        FunctionCounter.builder("mayfly.audit.detection.webhook.failed", webhooks, WebhookDeliveries::failed)
                .description("Findings whose webhook failed every attempt, since start").register(metrics.registry());
        FunctionCounter.builder("mayfly.audit.detection.webhook.dropped", webhooks, WebhookDeliveries::dropped)
                .description("Findings not delivered because too many deliveries were waiting, since start").register(metrics.registry());
        FunctionCounter.builder("mayfly.audit.detection.unjudged", detections, DetectionEngine::unjudged)
                .description("Records the detections could not judge (a fault, logged), since start").register(metrics.registry());
        Gauge.builder("mayfly.audit.detection.healthy", detections, d -> d.healthy() ? 1 : 0)
                .description("1 while findings are stored and responses published").register(metrics.registry());
        Gauge.builder("mayfly.audit.detection.accounts", detections, DetectionEngine::accountsTracked)
                .description("Accounts whose detection windows are held in memory (bounded)").register(metrics.registry());
        metrics.countRefused(refused, Topics.EVENTS);
        FunctionCounter.builder("mayfly.audit.records.written", projector, AuditProjector::written)
                .description("CloudTrail records written to Elasticsearch").register(metrics.registry());
        FunctionCounter.builder("mayfly.audit.records.set.aside", projector, AuditProjector::setAside)
                .description("Records the projection set aside as never writable, since start").register(metrics.registry());
        Gauge.builder("mayfly.audit.dead.letters", deadLetters, DeadLetters::held)
                .description("Records held in the " + DeadLetters.INDEX + " index").register(metrics.registry());
        FunctionCounter.builder("mayfly.audit.signatures.reused", verifiedSignatures, VerifiedSignatures::reused)
                .description("Record signatures the projection or the digester found verified by the other, since start").register(metrics.registry());
        FunctionCounter.builder("mayfly.audit.digester.unplaceable", digester, Digester::unplaceable)
                .description("API calls no CloudTrail record could be made of, since start").register(metrics.registry());
        Gauge.builder("mayfly.audit.projector.healthy", projector, p -> p.healthy() ? 1 : 0)
                .description("1 while writes to Elasticsearch succeed").register(metrics.registry());
        Gauge.builder("mayfly.audit.digester.healthy", digester, d -> d.healthy() ? 1 : 0)
                .description("1 while digests are sealed and stored").register(metrics.registry());
        Gauge.builder("mayfly.audit.digester.active", digester, d -> d.active() ? 1 : 0)
                .description("1 while this process seals digests (holds the digester lease), 0 while it stands by").register(metrics.registry());
        CallLimits limits = new CallLimits(settings.requestLimits(), EVENT_SOURCE, recorder, clock);
        JsonProtocolEndpoint api = new JsonProtocolEndpoint(new RemoteAuthorizer(settings.issuerUrl(),
                ServiceCredential.read(settings.serviceCredentialFile()), settings.trust()),
                new CallAuditing(recorder, limits, metrics, clock,
                RequestTracing.from(Settings.fromEnvironment(), "audit")))
                .operation(JsonProtocolEndpoint.CLOUDTRAIL_PREFIX, LookupOperations.lookupEvents(client))
                .operation(JsonProtocolEndpoint.CLOUDTRAIL_PREFIX, IntegrityOperations.listPublicKeys(digestKeys::history, clock))
                .operation(JsonProtocolEndpoint.MAYFLY_PREFIX, LookupOperations.listRecords(client))
                .operation(JsonProtocolEndpoint.MAYFLY_PREFIX, LookupOperations.listSetAsideRecords(client))
                .operation(JsonProtocolEndpoint.MAYFLY_PREFIX, IntegrityOperations.listDigests(digests));
        SearchOperations.all(client).forEach(operation -> api.operation(JsonProtocolEndpoint.MAYFLY_PREFIX, operation));
        LeastPrivilegeOperations.all(client, api::iamActionOf, clock).forEach(operation -> api.operation(JsonProtocolEndpoint.MAYFLY_PREFIX, operation));
        new DetectionOperations(client, detectionSettings, findings, clock, settings.detectionWebhookAddresses()).all()
                .forEach(operation -> api.operation(JsonProtocolEndpoint.MAYFLY_PREFIX, operation));
        Optional<TlsSettings> tls = Optional.ofNullable(settings.tls());
        Supplier<ServiceHealth> health = () -> health(projector, digester, deadLetters);
        HttpService http = new HttpService("audit", settings.host(), settings.port(), tls, health, metrics)
                .route("/", api)
                .route(ConsoleEndpoint.PATH, new ConsoleEndpoint());
        ManagementListener management = new ManagementListener("audit", settings.management(), tls, health, metrics)
                .about(() -> Map.of("audit-feed-signing", feedSigner.currentKeyId(), "audit-digest-signing", signer.keyId()))
                .start(http);
        http.start();
        return new AuditService(elasticsearch, projector, digester, detections, retention, recorder, limits, refusalTrail, http, management, metrics,
                feedSigningRing, digestKeys, api.targets());
    }

    /**
     * STARTING (503) while records cannot be written; DEGRADED while records are set aside or digests cannot be sealed:
     * the trail goes on, and an operator has something to look at. A digester standing by is healthy: another seals.
     */
    private static ServiceHealth health(AuditProjector projector, Digester digester, DeadLetters deadLetters) {
        Map<String, Object> details = Map.of("recordsSetAside", deadLetters.held(), "projectorWriting", projector.healthy(),
                "digesterSealing", digester.healthy(), "digester", digester.active() ? "active" : "standby");
        if (!projector.healthy()) {
            return new ServiceHealth(Status.STARTING, details);
        }
        return new ServiceHealth(deadLetters.held() > 0 || !digester.healthy() ? Status.DEGRADED : Status.UP, details);
    }

    public int port() {
        return http.port();
    }

    /** The management listener's port: /metrics. */
    public int managementPort() {
        return management.port();
    }

    @Override
    public void close() {
        http.close();
        management.close();
        limits.close();
        retention.close();
        try {
            detections.close();
            digester.close();
            projector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refusalTrail.close();
        recorder.close();
        try {
            elasticsearch.close();
        } catch (IOException e) {
            LOG.warn("closing the Elasticsearch client failed", e);
        }
        feedSigningRing.close();
        digestKeys.close();
        metrics.close();
        LOG.info("audit stopped");
    }
}
