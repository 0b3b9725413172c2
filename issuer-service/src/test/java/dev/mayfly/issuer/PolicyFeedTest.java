package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.awspolicies.AwsManagedPolicies;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.PolicySnapshot.AwsManaged;
import dev.mayfly.contract.PolicySnapshot.LabeledPolicy;
import dev.mayfly.contract.PolicySnapshot;
import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.Tag;

/** The policy feed: mayfly.policies follows every IAM change of users, roles and managed policies, and says what is gone. */
class PolicyFeedTest {

    private KafkaConsumer<String, byte[]> consumer;
    /** The latest value per ARN; null once a tombstone arrived. */
    private final Map<String, PolicySnapshot> feed = new HashMap<>();

    @BeforeEach
    void subscribe() {
        IssuerFixture.issuer();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "policy-feed-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.POLICIES));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    private PolicySnapshot await(String arn, Predicate<PolicySnapshot> condition) throws IOException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                feed.put(record.key(), record.value() == null ? null : Json.mapper().readValue(record.value(), PolicySnapshot.class));
            }
            PolicySnapshot snapshot = feed.get(arn);
            if (feed.containsKey(arn) && condition.test(snapshot)) {
                return snapshot;
            }
        }
        throw new AssertionError("no snapshot of " + arn + " as expected; last: " + feed.get(arn));
    }

    @Test
    void policyFeedWhenRolesUsersAndPoliciesChangeThenSnapshotsFollowAndDeletionsAreTombstones() throws Exception {
        NewAccount account = IssuerFixture.newAccount("policy-feed");
        var rootIam = iam(root(account));
        String readOnly = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""";
        String boundaryArn = rootIam.createPolicy(r -> r.policyName("boundary").policyDocument(readOnly)).policy().arn();
        String attachedArn = rootIam.createPolicy(r -> r.policyName("attached").policyDocument(readOnly)).policy().arn();
        String roleArn = rootIam.createRole(r -> r.roleName("feed-role").permissionsBoundary(boundaryArn)
                .tags(Tag.builder().key("team").value("data").build())
                .assumeRolePolicyDocument("""
                        {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(account.accountId())))
                .role().arn();
        rootIam.putRolePolicy(r -> r.roleName("feed-role").policyName("inline").policyDocument(readOnly));
        rootIam.attachRolePolicy(r -> r.roleName("feed-role").policyArn(attachedArn));

        PolicySnapshot role = await(roleArn, s -> s != null && s.policies().size() == 2);
        assertThat(role.kind()).isEqualTo(PolicySnapshot.Kind.ROLE);
        assertThat(role.id()).startsWith("AROA");
        assertThat(role.tags()).containsEntry("team", "data");
        assertThat(role.policies()).extracting(LabeledPolicy::label)
                .containsExactlyInAnyOrder("inline policy inline of role feed-role", "managed policy " + attachedArn + " (v1)");
        assertThat(role.boundary().label()).isEqualTo("permissions boundary " + boundaryArn);
        assertThat(await(attachedArn, s -> s != null).kind()).isEqualTo(PolicySnapshot.Kind.MANAGED_POLICY);

        rootIam.createUser(r -> r.userName("member"));
        rootIam.createGroup(r -> r.groupName("readers"));
        rootIam.putGroupPolicy(r -> r.groupName("readers").policyName("group-read").policyDocument(readOnly));
        rootIam.addUserToGroup(r -> r.groupName("readers").userName("member"));
        String userArn = "arn:aws:iam::" + account.accountId() + ":user/member";
        assertThat(await(userArn, s -> s != null && !s.policies().isEmpty()).policies()).extracting(LabeledPolicy::label)
                .containsExactly("inline policy group-read of group readers");

        rootIam.detachRolePolicy(r -> r.roleName("feed-role").policyArn(attachedArn));
        rootIam.deleteRolePolicy(r -> r.roleName("feed-role").policyName("inline"));
        rootIam.deleteRole(r -> r.roleName("feed-role"));
        assertThat(await(roleArn, s -> s == null)).as("a deleted role leaves a tombstone").isNull();
    }

    @Test
    void policyFeedWhenAnAwsManagedPolicyIsAttachedOrBoundsThenItIsNamedWithItsVersionAndNotSent() throws Exception {
        NewAccount account = IssuerFixture.newAccount("policy-feed-aws-managed");
        var rootIam = iam(root(account));
        String readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        String boundary = "arn:aws:iam::aws:policy/AdministratorAccess";
        String version = AwsManagedPolicies.catalog().byArn(readOnly).orElseThrow().defaultVersionId();
        rootIam.createUser(r -> r.userName("auditor"));
        rootIam.attachUserPolicy(r -> r.userName("auditor").policyArn(readOnly));
        rootIam.putUserPermissionsBoundary(r -> r.userName("auditor").permissionsBoundary(boundary));
        String userArn = "arn:aws:iam::" + account.accountId() + ":user/auditor";

        PolicySnapshot user = await(userArn, s -> s != null && !s.policies().isEmpty() && s.boundary() != null);
        LabeledPolicy attached = user.policies().getFirst();
        assertThat(attached.label()).isEqualTo("managed policy " + readOnly + " (" + version + ")");
        assertThat(attached.document()).as("AWS's document is every reader's own").isNull();
        assertThat(attached.awsManaged()).isEqualTo(new AwsManaged(readOnly, version));
        assertThat(user.boundary().awsManaged()).isEqualTo(new AwsManaged(boundary, "v1"));
        assertThat(feed).as("no account publishes AWS's policies").doesNotContainKey(readOnly);
    }
}
