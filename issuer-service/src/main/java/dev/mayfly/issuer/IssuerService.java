package dev.mayfly.issuer;

import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.contract.SessionKeyRequest;
import dev.mayfly.contract.SigningNames;
import dev.mayfly.contract.Topics;
import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.RingPublicKeys;
import dev.mayfly.eventstore.ApiCallRecorder;
import dev.mayfly.eventstore.AxonConfiguration;
import dev.mayfly.eventstore.EventStoreCallRecorder;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.eventstore.EventStoreTail;
import dev.mayfly.eventstore.KafkaEventPublisher;
import dev.mayfly.eventstore.KafkaPublishing;
import dev.mayfly.eventstore.ReadYourWrites;
import dev.mayfly.eventstore.TailPosition;
import dev.mayfly.issuer.admin.AccountProvisioner;
import dev.mayfly.issuer.admin.AdminEndpoint;
import dev.mayfly.issuer.admin.AdminToken;
import dev.mayfly.issuer.admin.TokenKeyRotation;
import dev.mayfly.issuer.analyzer.AccessAnalyzerEndpoint;
import dev.mayfly.issuer.analyzer.FindingsViewEndpoint;
import dev.mayfly.issuer.auth.Authenticator;
import dev.mayfly.issuer.authz.AuthorizationMessages;
import dev.mayfly.issuer.authz.AuthorizeEndpoint;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.authz.ServiceCredentials;
import dev.mayfly.issuer.authz.SignedRequestAuthorizer;
import dev.mayfly.issuer.command.Account;
import dev.mayfly.issuer.command.AwsPolicyAttachments;
import dev.mayfly.issuer.command.AccountAlias;
import dev.mayfly.issuer.command.Analyzer;
import dev.mayfly.issuer.command.Group;
import dev.mayfly.issuer.command.InstanceProfile;
import dev.mayfly.issuer.command.ManagedPolicy;
import dev.mayfly.issuer.command.MfaDevice;
import dev.mayfly.issuer.command.OidcProvider;
import dev.mayfly.issuer.command.Role;
import dev.mayfly.issuer.command.SamlProvider;
import dev.mayfly.issuer.command.User;
import dev.mayfly.issuer.command.Workload;
import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.credentials.SecretEviction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.account.AccountActions;
import dev.mayfly.issuer.iam.accesskeys.AccessKeyActions;
import dev.mayfly.issuer.iam.groups.GroupActions;
import dev.mayfly.issuer.iam.identityproviders.OidcProviderActions;
import dev.mayfly.issuer.iam.identityproviders.SamlProviderActions;
import dev.mayfly.issuer.iam.instanceprofiles.InstanceProfileActions;
import dev.mayfly.issuer.iam.mfadevices.MfaDeviceActions;
import dev.mayfly.issuer.iam.policies.PolicyActions;
import dev.mayfly.issuer.iam.simulation.SimulationActions;
import dev.mayfly.issuer.iam.authorizationdetails.AuthorizationDetailsActions;
import dev.mayfly.issuer.iam.roles.RoleActions;
import dev.mayfly.issuer.iam.users.UserActions;
import dev.mayfly.issuer.keyrings.IssuerKeyRings;
import dev.mayfly.issuer.mfa.MfaVerifier;
import dev.mayfly.issuer.outbound.DiscoveryEndpoint;
import dev.mayfly.issuer.outbound.OutboundIssuers;
import dev.mayfly.issuer.outbound.WebIdentityTokens;
import dev.mayfly.issuer.policyfeed.PolicyFeedPublisher;
import dev.mayfly.issuer.protocol.ActionCatalog;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.QueryEndpoint;
import dev.mayfly.issuer.query.AccessKeyUsage;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.ReadModelCheckpoints;
import dev.mayfly.issuer.query.WorkloadDirectory;
import dev.mayfly.issuer.saml.AssertionUses;
import dev.mayfly.issuer.sts.SessionIssuer;
import dev.mayfly.issuer.sts.StsActions;
import dev.mayfly.issuer.sts.WorkloadRoleProvider;
import dev.mayfly.issuer.verifierkeys.SessionKeyEndpoint;
import dev.mayfly.issuer.webidentity.SigningKeys;
import dev.mayfly.issuer.webidentity.TokenVerifier;
import dev.mayfly.issuer.workload.WorkloadCredentialsEndpoint;
import dev.mayfly.issuer.workload.WorkloadsEndpoint;
import dev.mayfly.kafka.signed.BatchSigner;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.revocationfeed.CompactedTopicFeed;
import dev.mayfly.revocationfeed.FeedContinuity;
import dev.mayfly.revocationfeed.Freshness;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.runtime.HttpService;
import dev.mayfly.runtime.KafkaProducers;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.runtime.ManagementListener;
import dev.mayfly.runtime.MayflyVersion;
import dev.mayfly.runtime.ServiceHealth;
import dev.mayfly.runtime.ServiceMetrics;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsSettings;
import dev.mayfly.runtime.audit.CallAuditing;
import dev.mayfly.runtime.audit.CallLimits;
import dev.mayfly.runtime.audit.CallRecorder;
import dev.mayfly.runtime.audit.FeedRefusalTrail;
import dev.mayfly.runtime.authz.RemoteAuthorizer;
import dev.mayfly.runtime.tracing.RequestTracing;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.PublicKeys;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.token.Aead;
import dev.mayfly.token.SessionKeyGrants;
import dev.mayfly.token.SessionTokenSealer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The STS and IAM endpoint: wiring and lifecycle. */
public final class IssuerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerService.class);
    private static final String ACCESS_KEY_USAGE_PROCESSOR = "access-key-usage";
    /** Beyond this, the read model has failed to follow the event store for many reads in a row: not ready. */
    private static final Duration READ_MODEL_MAX_AGE = Duration.ofSeconds(10);
    /** How the operator's trail names the issuer in summaries of calls no principal stands behind. */
    private static final String EVENT_SOURCE = "issuer.mayfly";

    private final EventStoreDatabase database;
    private final Producer<String, byte[]> producer;
    private final PolicyFeedPublisher policyFeed;
    private final Configuration axon;
    private final CompactedTopicFeed revocationFeed;
    private final HttpService http;
    private final ManagementListener management;
    private final ServiceMetrics metrics;
    private final AccountProvisioner provisioner;
    private final CallLimits limits;
    private final ServiceCredentials serviceCredentials;
    private final FeedRefusalTrail refusalTrail;
    private final ActionCatalog actions;
    private final EventStoreTail tail;
    private final AccessKeyUsage usage;
    private final IssuerKeyRings keyRings;
    private final ReadModelCheckpoints checkpoints;

    private IssuerService(EventStoreDatabase database, Producer<String, byte[]> producer, Configuration axon,
                          CompactedTopicFeed revocationFeed, PolicyFeedPublisher policyFeed, HttpService http,
                          ManagementListener management, CallLimits limits, ServiceMetrics metrics, AccountProvisioner provisioner,
                          ServiceCredentials serviceCredentials, FeedRefusalTrail refusalTrail, ActionCatalog actions,
                          EventStoreTail tail, AccessKeyUsage usage, IssuerKeyRings keyRings, ReadModelCheckpoints checkpoints) {
        this.tail = tail;
        this.checkpoints = checkpoints;
        this.usage = usage;
        this.keyRings = keyRings;
        this.refusalTrail = refusalTrail;
        this.actions = actions;
        this.limits = limits;
        this.serviceCredentials = serviceCredentials;
        this.database = database;
        this.policyFeed = policyFeed;
        this.producer = producer;
        this.axon = axon;
        this.revocationFeed = revocationFeed;
        this.http = http;
        this.management = management;
        this.metrics = metrics;
        this.provisioner = provisioner;
    }

    public static IssuerService start(IssuerSettings settings, Clock clock) throws IOException, InterruptedException {
        // before anything is opened: an issuer refused for a missing token holds nothing
        if (settings.keyEncryptionKey().configured()) {
            AdminTokenFile.require(settings.adminTokenFile());
        } else {
            AdminTokenFile.ensure(settings.adminTokenFile());
        }
        KafkaTopics.ensure(settings.kafka(), KafkaTopics.mayflyTopics(settings.eventPartitions(), settings.kafkaReplication()));
        // the deployment's rings on mayfly.keys (or, without a key-encryption key, this issuer's own files); first, so that
        // an issuer refused for missing rings holds nothing else open
        IssuerKeyRings keyRings = IssuerKeyRings.open(settings, clock);
        EventStoreDatabase database = EventStoreDatabase.open(settings.database(), "issuer", "classpath:db/issuer");
        IdentityDirectory directory = new IdentityDirectory();
        WorkloadDirectory workloads = new WorkloadDirectory();
        // from the last snapshot, when there is one this build wrote: the tail then applies only the changes since
        ReadModelCheckpoints checkpoints = new ReadModelCheckpoints(database.dataSource(),
                ReadModelCheckpoints.build(MayflyVersion.current()));
        Optional<TailPosition> restoredAt = settings.readModelCheckpoints().enabled()
                ? checkpoints.restoreInto(directory, workloads) : Optional.empty();
        Producer<String, byte[]> producer = KafkaProducers.reliable(settings.kafka(), "mayfly-issuer");
        // one ring signs what the issuer vouches for: sessions' claims, and its records on mayfly.events and mayfly.policies
        SigningKeyRing signingKeys = keyRings.signing();
        RecordSigner feedSigner = new RecordSigner(signingKeys, clock);
        AccessKeyUsage usage = new AccessKeyUsage(database.dataSource(), directory);
        Configurer configurer = AxonConfiguration.configurer(database.dataSource())
                .configureAggregate(Account.class).configureAggregate(User.class).configureAggregate(Role.class)
                .configureAggregate(Group.class).configureAggregate(ManagedPolicy.class).configureAggregate(AwsPolicyAttachments.class)
                .configureAggregate(MfaDevice.class).configureAggregate(OidcProvider.class)
                .configureAggregate(SamlProvider.class).configureAggregate(Workload.class)
                .configureAggregate(InstanceProfile.class).configureAggregate(AccountAlias.class).configureAggregate(Analyzer.class)
                .eventProcessing(processing -> processing.registerSubscribingEventProcessor(ACCESS_KEY_USAGE_PROCESSOR)
                        .registerEventHandler(c -> usage)
                        .assignHandlerInstancesMatching(ACCESS_KEY_USAGE_PROCESSOR, handler -> handler == usage));
        // one signature per batch of events: a signature per call was an eighth of the platform's CPU with its verification
        KafkaPublishing.register(configurer, "kafka-publisher",
                new KafkaEventPublisher(producer, new BatchSigner(feedSigner), KafkaPublishing::toEventsTopic), KafkaPublishing.Pace.BATCHED);
        Configuration axon = configurer.start();
        database.retainApiCalls(clock);
        Aead vaultAead = new Aead(keyRings.credentialVault());
        CredentialVault vault = CredentialVault.accessKeys(AxonConfiguration.connections(database.dataSource()), vaultAead);
        CredentialVault mfaSeeds = CredentialVault.mfaSeeds(AxonConfiguration.connections(database.dataSource()), vaultAead);
        // every issuer on the database follows every change, in order; one that it commits itself before answering
        SecretEviction eviction = new SecretEviction(vault, mfaSeeds);
        EventStoreTail tail = EventStoreTail.start(database.dataSource(), change -> {
            directory.apply(change);
            workloads.apply(change);
            usage.apply(change);
            eviction.accept(change);
        }, restoredAt, settings.readModelCheckpoints(), position -> checkpoints.take(position, directory, workloads));
        axon.commandBus().registerHandlerInterceptor(new ReadYourWrites(tail));

        CallRecorder recorder = new EventStoreCallRecorder(new ApiCallRecorder(axon.eventBus()));
        FeedRefusalTrail refusalTrail = new FeedRefusalTrail(EVENT_SOURCE, recorder, clock);
        RefusedRecords refused = new RefusedRecords(refusalTrail);
        RevocationIndex revocations = new RevocationIndex();
        // an emptied or rolled-back topic makes the feed not fresh, as a silent Kafka does; remembered across restarts
        FeedContinuity continuity = FeedContinuity.remembered(revocations::size, settings.revocationEpochFile());
        CompactedTopicFeed feed = CompactedTopicFeed.revocations(settings.kafka(), revocations,
                new RecordVerifier(revocationServiceKeys(settings, keyRings), refused), continuity);
        if (!feed.awaitCaughtUp(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the revocation feed did not catch up within 60 s: is Kafka at "
                    + settings.kafka() + " reachable?");
        }

        Freshness freshness = new Freshness(feed::freshAsOf, settings.revocationMaxAge(), settings.revocationFailClosed());
        AuthorizationMessages authorizationMessages = new AuthorizationMessages(vaultAead);
        SessionTokenSealer sealer = new SessionTokenSealer(keyRings.sessionToken());
        SessionKeyGrants verifierGrants = new SessionKeyGrants(sealer, signingKeys, SigningNames.MAYFLY_SERVICES);
        Authenticator authenticator = new Authenticator(directory, vault, sealer, clock);
        Authorizer authorizer = new Authorizer(directory, revocations, authorizationMessages, freshness, clock);
        CommandGateway commands = axon.commandGateway();
        IamServices iam = new IamServices(directory, authorizer, commands);
        SessionIssuer sessions = new SessionIssuer(sealer);
        MfaVerifier mfa = new MfaVerifier(directory, mfaSeeds, commands);
        // one cache of identity providers' keys for AssumeRoleWithWebIdentity and workloads' service-account tokens
        TokenVerifier webIdentityTokens = new TokenVerifier(new SigningKeys(clock, settings.oidcAddresses()));
        // the listener's port is known once it is made, below; issuer URLs are asked for only once requests come
        AtomicReference<HttpService> listener = new AtomicReference<>();
        OutboundIssuers outboundIssuers = new OutboundIssuers(() -> publicUrl(settings, listener.get()));
        WebIdentityTokens outboundTokens = new WebIdentityTokens(keyRings::webIdentity, outboundIssuers);
        ActionCatalog actions = ActionCatalog.of(List.of(
                new StsActions(directory, authorizer, sessions, mfa, webIdentityTokens,
                        new AssertionUses(database.dataSource()), authorizationMessages, outboundTokens),
                new UserActions(iam), new AccessKeyActions(iam, vault, usage), new GroupActions(iam), new RoleActions(iam),
                new PolicyActions(iam), new SimulationActions(iam), new AuthorizationDetailsActions(iam),
                new MfaDeviceActions(iam, mfaSeeds, mfa), new OidcProviderActions(iam), new SamlProviderActions(iam),
                new InstanceProfileActions(iam), new AccountActions(iam, outboundIssuers)));
        AccountProvisioner provisioner = new AccountProvisioner(directory, vault, commands, clock);
        CallLimits limits = new CallLimits(settings.requestLimits(), EVENT_SOURCE, recorder, clock);
        SignedRequestAuthorizer signedRequests = new SignedRequestAuthorizer(authenticator, authorizer, clock);
        ServiceMetrics metrics = new ServiceMetrics("issuer");
        metrics.countRefused(refused, Topics.REVOCATIONS);
        Gauge.builder("mayfly.revocation.rules", revocations, RevocationIndex::size)
                .description("revocation rules in this issuer's index").register(metrics.registry());
        Gauge.builder("mayfly.revocation.feed.age", freshness, f -> f.age(clock.instant()).toMillis() / 1000.0)
                .baseUnit("seconds").description("how old the revocation rules may be: since the feed last proved it had them all")
                .register(metrics.registry());
        Gauge.builder("mayfly.revocation.feed.stale", freshness, f -> f.isStale(clock.instant()) ? 1 : 0)
                .description("1 while the revocation rules are older than MAYFLY_REVOCATION_MAX_AGE_SECONDS").register(metrics.registry());
        FunctionCounter.builder("mayfly.revocation.feed.breaks", continuity, FeedContinuity::breaks)
                .description("times the revocation feed was found emptied, re-created or rolled back").register(metrics.registry());
        CallAuditing auditing = new CallAuditing(recorder, limits, metrics, clock,
                RequestTracing.from(Settings.fromEnvironment(), "issuer"));
        ServiceCredentials serviceCredentials = keyRings.serviceCredentials();
        Optional<TlsSettings> tls = Optional.ofNullable(settings.tls());
        Gauge.builder("mayfly.read.model.age", tail, t -> t.age().toMillis() / 1000.0)
                .baseUnit("seconds").description("how old this issuer's read model may be: since it last finished reading the event store")
                .register(metrics.registry());
        FunctionCounter.builder("mayfly.access.key.usage.write.failures", usage, AccessKeyUsage::failedWrites)
                .description("writes of the access keys' last uses that failed (kept for the next write)").register(metrics.registry());
        Gauge.builder("mayfly.access.key.usage.unwritten", usage, AccessKeyUsage::unwrittenUses)
                .description("access keys whose last use is noted but not written to the database yet").register(metrics.registry());
        // a read model that stopped following the store would honour keys and policies that other issuers removed
        Supplier<ServiceHealth> health = () -> ServiceHealth.of(!freshness.isStale(clock.instant())
                && tail.age().compareTo(READ_MODEL_MAX_AGE) < 0);
        HttpService http = new HttpService("issuer", settings.host(), settings.port(), tls, health, metrics)
                .route("/", new QueryEndpoint(actions, authenticator, auditing))
                .route(RemoteAuthorizer.PATH, new AuthorizeEndpoint(signedRequests, serviceCredentials))
                .route(SessionKeyRequest.PATH, new SessionKeyEndpoint(serviceCredentials, verifierGrants, metrics.registry(), clock))
                .route(WorkloadsEndpoint.PATH, new WorkloadsEndpoint(signedRequests, workloads, directory, commands, auditing))
                .route(WorkloadCredentialsEndpoint.PATH, new WorkloadCredentialsEndpoint(workloads,
                        new WorkloadRoleProvider(directory, authorizer, sessions), directory, webIdentityTokens, auditing))
                .route(OutboundIssuers.PATH, new DiscoveryEndpoint(directory, outboundIssuers, keyRings::webIdentity));
        listener.set(http);
        AccessAnalyzerEndpoint accessAnalyzer = new AccessAnalyzerEndpoint(signedRequests, directory, commands, auditing);
        AccessAnalyzerEndpoint.PATHS.forEach(path -> http.route(path, accessAnalyzer));
        http.route(FindingsViewEndpoint.PATH, new FindingsViewEndpoint());
        // the admin API is for the operator's machine (or management network): the admin token alone, were it on the
        // public port, would be all that stands between anyone who can reach STS and every tenant's root key
        ManagementListener management = new ManagementListener("issuer", settings.management(), tls, health, metrics)
                .route(AdminEndpoint.PATH, new AdminEndpoint(new AdminToken(settings.adminTokenFile()), provisioner,
                        new TokenKeyRotation(keyRings, sealer, verifierGrants, feedSigner, clock), auditing))
                .about(() -> Map.of("session-token", sealer.currentKeyId(), "issuer-signing", feedSigner.currentKeyId(),
                        "credential-vault", vaultAead.currentKeyId(), "service-credentials", serviceCredentials.currentKeyId()))
                .start(http);
        http.start();
        PolicyFeedPublisher policyFeed = new PolicyFeedPublisher(directory,
                KafkaProducers.reliable(settings.kafka(), "mayfly-issuer-policies"), feedSigner, clock);
        directory.onChange(policyFeed::changed);
        policyFeed.start();
        return new IssuerService(database, producer, axon, feed, policyFeed, http, management, limits, metrics, provisioner,
                serviceCredentials, refusalTrail, actions, tail, usage, keyRings, checkpoints);
    }

    /**
     * The URL clients reach the issuer at: the operator's (MAYFLY_ISSUER_PUBLIC_URL), else this listener's own, a
     * wildcard host taken as loopback.
     */
    private static URI publicUrl(IssuerSettings settings, HttpService listener) {
        if (settings.publicUrl() != null) {
            return settings.publicUrl();
        }
        String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "127.0.0.1" : settings.host();
        return URI.create((settings.tls() == null ? "http" : "https") + "://" + (host.contains(":") ? "[" + host + "]" : host)
                + ":" + listener.port());
    }

    /**
     * The revocation service's public keys: its .pub file, and, with a key-encryption key, its signing ring on
     * mayfly.keys, so that a rotation of that ring is trusted here within seconds, without a new copy of the file.
     */
    private static List<PublicKeys> revocationServiceKeys(IssuerSettings settings, IssuerKeyRings keyRings) {
        List<PublicKeys> keys = new ArrayList<>(List.of(PublicKeyFile.watch(settings.revocationPublicKeysFile())));
        keyRings.deploymentRings().ifPresent(rings -> keys.add(RingPublicKeys.follow(rings, DeploymentRing.REVOCATION_SIGNING)));
        return keys;
    }

    public int port() {
        return http.port();
    }

    /** The management listener's port: the admin API and /metrics. */
    public int managementPort() {
        return management.port();
    }

    public AccountProvisioner accounts() {
        return provisioner;
    }

    /** The names of the actions this issuer serves for the service, as its Query endpoint dispatches them. */
    public java.util.SortedSet<String> servedActions(AwsService service) {
        return actions.names(service);
    }

    /** The credential this issuer answers the service of that name with at POST /mayfly/authorize. */
    public ServiceCredential serviceCredential(String name) {
        return serviceCredentials.of(name);
    }

    @Override
    public void close() {
        http.close();
        management.close();
        limits.close();
        policyFeed.close();
        try {
            revocationFeed.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refusalTrail.close();
        axon.shutdown();
        producer.close();
        usage.close();
        tail.close();
        checkpoints.close();
        database.close();
        keyRings.close();
        metrics.close();
        LOG.info("issuer stopped");
    }
}
