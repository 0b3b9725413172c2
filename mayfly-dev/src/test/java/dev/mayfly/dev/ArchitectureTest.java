package dev.mayfly.dev;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md, checked on the production classes of every module. */
class ArchitectureTest {

    private static final JavaClasses MAYFLY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mayfly");

    private static final String[] LIBRARIES = {"dev.mayfly.contract..", "dev.mayfly.policy..", "dev.mayfly.sigv4..",
            "dev.mayfly.token..", "dev.mayfly.revocationfeed..", "dev.mayfly.verifier..", "dev.mayfly.privatefiles..", "dev.mayfly.kafka..",
            "dev.mayfly.signing..", "dev.mayfly.deploymentkeys..", "dev.mayfly.awspolicies.."};

    @Test
    void servicesWhenCompiledThenNeverDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.mayfly.issuer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mayfly.audit..", "dev.mayfly.revocation..")
                .check(MAYFLY);
        noClasses().that().resideInAPackage("dev.mayfly.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mayfly.issuer..", "dev.mayfly.revocation..")
                .check(MAYFLY);
        noClasses().that().resideInAPackage("dev.mayfly.revocation..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mayfly.issuer..", "dev.mayfly.audit..")
                .check(MAYFLY);
    }

    @Test
    void librariesWhenCompiledThenDependOnNoFramework() {
        noClasses().that().resideInAnyPackage(LIBRARIES)
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..", "org.springframework..",
                        "co.elastic..", "org.elasticsearch..", "dev.mayfly.runtime..", "dev.mayfly.eventstore..")
                .check(MAYFLY);
    }

    @Test
    void librariesWhenCompiledThenDependOnNoService() {
        noClasses().that().resideInAnyPackage(LIBRARIES)
                .should().dependOnClassesThat().resideInAnyPackage("dev.mayfly.issuer..", "dev.mayfly.audit..", "dev.mayfly.revocation..",
                        "dev.mayfly.dev..", "dev.mayfly.cli..", "dev.mayfly.load..", "dev.mayfly.agent..")
                .check(MAYFLY);
    }

    private static final String[] SERVICES = {"dev.mayfly.issuer..", "dev.mayfly.audit..", "dev.mayfly.revocation.."};

    @Test
    void workloadAgentWhenCompiledThenDependsOnNoServiceNoInfrastructureAndNoOtherCommand() {
        noClasses().that().resideInAPackage("dev.mayfly.agent..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.mayfly.cli..", "dev.mayfly.load..", "dev.mayfly.dev..",
                        "dev.mayfly.embedded..", "dev.mayfly.eventstore..", "org.apache.kafka..", "co.elastic..", "org.elasticsearch..",
                        "org.axonframework..")
                .check(MAYFLY);
    }

    @Test
    void operatorCommandsWhenCompiledThenDependNeitherOnTheLoadGeneratorsNorOnDevMode() {
        noClasses().that().resideInAPackage("dev.mayfly.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mayfly.load..", "dev.mayfly.dev..", "dev.mayfly.embedded..")
                .check(MAYFLY);
    }

    @Test
    void loadGeneratorsWhenCompiledThenDependNotOnDevMode() {
        noClasses().that().resideInAPackage("dev.mayfly.load..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mayfly.dev..", "dev.mayfly.embedded..")
                .check(MAYFLY);
    }

    @Test
    void servicesWhenCompiledThenDependOnNoCommandLine() {
        noClasses().that().resideInAnyPackage(SERVICES)
                .should().dependOnClassesThat().resideInAnyPackage("dev.mayfly.agent..", "dev.mayfly.cli..", "dev.mayfly.load..",
                        "dev.mayfly.dev..")
                .check(MAYFLY);
    }

    /** So that no client connects without the operator's security settings (SASL, mTLS): KafkaCluster makes them all. */
    private static final ArchRule KAFKA_CLIENTS_MADE_BY_KAFKA_CLUSTER_ONLY = noClasses().that().resideOutsideOfPackage("dev.mayfly.kafka..")
            .should().callConstructorWhere(target(owner(assignableTo(KafkaProducer.class))))
            .orShould().callConstructorWhere(target(owner(assignableTo(KafkaConsumer.class))))
            .orShould().callMethodWhere(target(owner(assignableTo(Admin.class))).and(target(name("create"))));

    @Test
    void kafkaClientsWhenMadeThenOnlyByKafkaCluster() {
        KAFKA_CLIENTS_MADE_BY_KAFKA_CLUSTER_ONLY.check(MAYFLY);
    }

    @Test
    void kafkaClientsRuleWhenAClassMakesItsOwnClientThenFails() {
        assertThatThrownBy(() -> KAFKA_CLIENTS_MADE_BY_KAFKA_CLUSTER_ONLY.check(new ClassFileImporter().importClasses(MakesItsOwnClients.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KafkaProducer.<init>").hasMessageContaining("KafkaConsumer.<init>").hasMessageContaining("Admin.create");
    }

    /** What the rule must catch: clients built from properties of their own, without the security settings. */
    static final class MakesItsOwnClients {
        void connect() {
            new KafkaProducer<String, String>(new java.util.Properties()).close();
            new KafkaConsumer<String, String>(new java.util.Properties()).close();
            Admin.create(new java.util.Properties()).close();
        }
    }

    /** A resource server's verifier holds nothing that seals, opens or grants a session, nor any private signing key. */
    @Test
    void verifierWhenCompiledThenNeverTouchesTheIssuersKeys() {
        noClasses().that().resideInAPackage("dev.mayfly.verifier..")
                .should().dependOnClassesThat().belongToAnyOf(dev.mayfly.token.KeyRing.class, dev.mayfly.token.Aead.class,
                        dev.mayfly.token.SessionTokenSealer.class, dev.mayfly.token.SessionKeyGrants.class,
                        dev.mayfly.signing.SigningKeyRing.class)
                .check(MAYFLY);
    }

    @Test
    void productionCodeWhenCompiledThenNeverUsesEmbeddedInfrastructure() {
        noClasses().that().resideOutsideOfPackages("dev.mayfly.dev..", "dev.mayfly.embedded..")
                .should().dependOnClassesThat().resideInAPackage("dev.mayfly.embedded..")
                .check(MAYFLY);
    }

    @Test
    void aggregatesWhenCompiledThenDoNoIoAndReadNoClock() {
        noClasses().that().resideInAnyPackage("dev.mayfly.issuer.command..", "dev.mayfly.revocation.command..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.net..", "java.nio..", "java.sql..",
                        "org.apache.kafka..", "co.elastic..")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().dependOnClassesThat().areAssignableTo(java.time.Clock.class)
                .check(MAYFLY);
    }

    @Test
    void messagesWhenCompiledThenApiPackagesHoldNoLogic() {
        noClasses().that().resideInAnyPackage("dev.mayfly.issuer.api..", "dev.mayfly.revocation.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mayfly.issuer.command..", "dev.mayfly.issuer.query..",
                        "dev.mayfly.issuer.protocol..", "dev.mayfly.revocation.command..", "dev.mayfly.revocation.web..")
                .check(MAYFLY);
    }
}
