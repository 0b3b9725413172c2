package dev.mayfly.revocation;

import dev.mayfly.eventstore.ApiCallRecorder;
import dev.mayfly.eventstore.AxonConfiguration;
import dev.mayfly.eventstore.EventStoreCallRecorder;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.eventstore.KafkaEventPublisher;
import dev.mayfly.eventstore.KafkaPublishing;
import dev.mayfly.eventstore.EventStoreTail;
import dev.mayfly.eventstore.ReadYourWrites;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.contract.Topics;
import dev.mayfly.deploymentkeys.RingPublicKeys;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.revocation.command.Rule;
import dev.mayfly.revocation.detection.DetectionResponses;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.PublicKeys;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.util.ArrayList;
import dev.mayfly.revocation.query.RuleDirectory;
import dev.mayfly.revocation.web.RulesEndpoint;
import dev.mayfly.runtime.HttpService;
import dev.mayfly.runtime.KafkaProducers;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.runtime.ManagementListener;
import dev.mayfly.runtime.ServiceHealth;
import dev.mayfly.runtime.ServiceMetrics;
import dev.mayfly.runtime.tracing.RequestTracing;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsSettings;
import dev.mayfly.runtime.audit.CallAuditing;
import dev.mayfly.runtime.audit.CallLimits;
import dev.mayfly.runtime.audit.CallRecorder;
import dev.mayfly.runtime.authz.RemoteAuthorizer;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.ServiceSigningRing;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Time-based deny rules: wiring and lifecycle. */
public final class RevocationService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationService.class);
    /** Runs only in the process that holds the {@link RepublishLease}: the feed's state follows what it publishes. */
    private static final String RULES_PUBLISHER = "revocations-publisher";

    private final EventStoreDatabase database;
    private final Producer<String, byte[]> producer;
    private final Configuration axon;
    private final HttpService http;
    private final ManagementListener management;
    private final ServiceMetrics metrics;
    private final ExpiredRules expired;
    private final FeedStatePublication feedState;
    private final DetectionResponses detectionResponses;
    private final EventStoreTail tail;
    private final RepublishLease lease;
    private final PublishedRules published;

    private final CallLimits limits;
    private final ServiceSigningRing signingRing;

    private RevocationService(EventStoreDatabase database, Producer<String, byte[]> producer, Configuration axon, HttpService http,
                              ManagementListener management, CallLimits limits, ServiceMetrics metrics, ExpiredRules expired,
                              FeedStatePublication feedState, ServiceSigningRing signingRing, DetectionResponses detectionResponses,
                              EventStoreTail tail, RepublishLease lease, PublishedRules published) {
        this.published = published;
        this.detectionResponses = detectionResponses;
        this.tail = tail;
        this.lease = lease;
        this.signingRing = signingRing;
        this.feedState = feedState;
        this.limits = limits;
        this.expired = expired;
        this.database = database;
        this.producer = producer;
        this.axon = axon;
        this.http = http;
        this.management = management;
        this.metrics = metrics;
    }

    public static RevocationService start(RevocationSettings settings, Clock clock) throws IOException {
        KafkaTopics.ensure(settings.kafka(), KafkaTopics.mayflyTopics(settings.eventPartitions(), settings.kafkaReplication()));
        // the deployment's revocation-signing ring on mayfly.keys (or, without a key-encryption key, this service's own file);
        // first, so that a service refused for a missing ring holds nothing else open
        ServiceSigningRing signingRing = ServiceSigningRing.open(settings.keyEncryptionKey(), settings.kafka(),
                DeploymentRing.REVOCATION_SIGNING, new PublishedKeyRing(settings.signingKeysFile(), settings.signingPublicKeysFile()),
                clock.instant());
        EventStoreDatabase database = EventStoreDatabase.open(settings.database(), "revocation");
        RuleDirectory rules = new RuleDirectory();
        RulePublication publication = new RulePublication();
        Producer<String, byte[]> producer = KafkaProducers.reliable(settings.kafka(), "mayfly-revocation");
        RecordSigner signer = new RecordSigner(signingRing.current(), clock);
        signingRing.whenChanged(signer::use);
        FeedStatePublication feedState = new FeedStatePublication(producer, signer);
        Configurer configurer = AxonConfiguration.configurer(database.dataSource())
                .configureAggregate(Rule.class);
        KafkaPublishing.register(configurer, RULES_PUBLISHER,
                new KafkaEventPublisher(producer, signer, RevocationPublishing::toRevocationsTopic, event -> {
                    publication.acknowledged(event);
                    feedState.acknowledged(event);
                }), KafkaPublishing.Pace.IMMEDIATE);
        KafkaPublishing.register(configurer, "events-publisher",
                new KafkaEventPublisher(producer, signer, KafkaPublishing::toEventsTopic), KafkaPublishing.Pace.BATCHED);
        Configuration axon = configurer.start();
        database.retainApiCalls(clock);
        // the directory follows the store, in its order, whichever process committed a change: a rule created or lifted
        // through another is listed and lifted here too; a command's caller is answered once the directory shows it
        EventStoreTail tail = EventStoreTail.start(database.dataSource(), rules::apply);
        axon.commandBus().registerHandlerInterceptor(new ReadYourWrites(tail));
        RepublishLease lease;
        try {
            lease = RepublishLease.take(settings.database(), new RepublishLease.Holder() {
                @Override
                public void republish() throws Exception {
                    RevocationService.republish(rules, tail, axon, producer, signer, feedState);
                    rulesPublisher(axon).start();
                }

                @Override
                public void standBy() {
                    // the holder's publisher owns the stream: this one must not claim it between two of the holder's
                    // retries, and publish rule events whose states the holder, not seeing them, would never publish
                    rulesPublisher(axon).shutDown();
                    feedState.standingBy();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("the rules in force could not be published again: is Kafka at " + settings.kafka()
                    + " reachable?", e);
        }
        // before the rules API answers: a rule created through it is seen on the topic, whoever publishes it
        PublishedRules published = PublishedRules.follow(settings.kafka(), new RecordVerifier(keysOf(settings.signingPublicKeysFile(),
                DeploymentRing.REVOCATION_SIGNING, signingRing), new RefusedRecords()), publication);
        ServiceMetrics metrics = new ServiceMetrics("revocation");
        CallRecorder recorder = new EventStoreCallRecorder(new ApiCallRecorder(axon.eventBus()));
        CallLimits limits = new CallLimits(settings.requestLimits(), "revocation.mayfly", recorder, clock);
        Optional<TlsSettings> tls = Optional.ofNullable(settings.tls());
        Supplier<ServiceHealth> health = () -> ServiceHealth.of(true);
        HttpService http = new HttpService("revocation", settings.host(), settings.port(), tls, health, metrics)
                .route(RulesEndpoint.PATH, new RulesEndpoint(new RemoteAuthorizer(settings.issuerUrl(),
                        ServiceCredential.read(settings.serviceCredentialFile()), settings.trust()), rules, publication,
                        axon.commandGateway(), new CallAuditing(recorder, limits, metrics, clock,
                RequestTracing.from(Settings.fromEnvironment(), "revocation"))));
        ManagementListener management = new ManagementListener("revocation", settings.management(), tls, health, metrics)
                .about(() -> Map.of("revocation-signing", signer.currentKeyId()))
                .start(http);
        http.start();
        ExpiredRules expired = new ExpiredRules(rules, axon.commandGateway(), clock).start();
        RefusedRecords refusedResponses = new RefusedRecords();
        DetectionResponses detectionResponses = DetectionResponses.start(settings.kafka(),
                new RecordVerifier(keysOf(settings.auditPublicKeysFile(), DeploymentRing.AUDIT_FEED_SIGNING, signingRing), refusedResponses), axon.commandGateway(), axon.eventStore(), rules,
                recorder, clock);
        metrics.countRefused(refusedResponses, Topics.DETECTIONS);
        Gauge.builder("mayfly.revocation.publisher.active", lease, held -> held.held() ? 1 : 0)
                .description("1 in the revocation service that publishes the rules and the feed's state, 0 in one standing by")
                .register(metrics.registry());
        FunctionCounter.builder("mayfly.revocation.detection.rules", detectionResponses, DetectionResponses::made)
                .description("Rules made from the audit's detection responses, since start").register(metrics.registry());
        FunctionCounter.builder("mayfly.revocation.detection.refused", detectionResponses, DetectionResponses::refused)
                .description("Detection responses refused (unsigned, or asking for what the account could not), since start")
                .register(metrics.registry());
        return new RevocationService(database, producer, axon, http, management, limits, metrics, expired, feedState, signingRing,
                detectionResponses, tail, lease, published);
    }

    /**
     * Publishes every rule in force again, signed now, then the feed's state. A rule lifted while they were sent (through
     * this process or another) gets its tombstone again after them, so that no lift is overtaken by its rule.
     */
    private static void republish(RuleDirectory rules, EventStoreTail tail, Configuration axon, Producer<String, byte[]> producer,
                                  RecordSigner signer, FeedStatePublication feedState) throws Exception {
        awaitTail(tail);
        TrackingToken newest = axon.eventStore().createHeadToken();
        List<RevocationRule> sent = rules.all();
        RevocationPublishing.republish(sent, producer, signer);
        awaitTail(tail);
        Set<String> inForce = rules.all().stream().map(RevocationRule::ruleId).collect(Collectors.toSet());
        List<RevocationRule> stillInForce = sent.stream().filter(rule -> inForce.contains(rule.ruleId())).toList();
        RevocationPublishing.lifted(sent.stream().map(RevocationRule::ruleId).filter(id -> !inForce.contains(id)).toList(), producer, signer);
        feedState.republished(stillInForce, newest == null ? 0 : newest.position().orElse(0));
    }

    private static EventProcessor rulesPublisher(Configuration axon) {
        return axon.eventProcessingConfiguration().eventProcessor(RULES_PUBLISHER).orElseThrow();
    }

    /** Whether this process's publisher of rule events runs: for tests. */
    boolean publishesRuleEvents() {
        return rulesPublisher(axon).isRunning();
    }

    private static void awaitTail(EventStoreTail tail) throws InterruptedException {
        if (!tail.awaitNextRead(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the event store was not read within 30 seconds");
        }
    }

    /** A service's public keys: its public key file and, with rings on mayfly.keys, its ring. */
    private static List<PublicKeys> keysOf(Path publicKeysFile, DeploymentRing ring, ServiceSigningRing signingRing) {
        List<PublicKeys> keys = new ArrayList<>(List.of(PublicKeyFile.watch(publicKeysFile)));
        signingRing.topic().ifPresent(rings -> keys.add(RingPublicKeys.follow(rings, ring)));
        return keys;
    }

    public int port() {
        return http.port();
    }

    /**
     * Whether this process published the rules in force again and publishes the feed's state (it holds the lease); false
     * while another revocation service on the same event store does, which this one takes over from when it stops.
     */
    public boolean republishesRules() {
        return lease.held();
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
        expired.close();
        try {
            detectionResponses.close();
            published.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tail.close();
        axon.shutdown();
        feedState.close();
        producer.close();
        // only once this process's rule events and states are all on Kafka may another take over and publish after them
        lease.close();
        database.close();
        signingRing.close();
        metrics.close();
        LOG.info("revocation stopped");
    }
}
