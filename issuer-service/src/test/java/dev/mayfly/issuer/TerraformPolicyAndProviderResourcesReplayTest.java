package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Terraform's aws_iam_policy, aws_iam_openid_connect_provider and aws_iam_saml_provider against Mayfly: each test replays
 * the calls terraform-provider-aws makes to create, read back, update, import and destroy the resource
 * ({@link TerraformProvider}), and checks what the provider would keep in its state.
 */
class TerraformPolicyAndProviderResourcesReplayTest {

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static String allow(String action) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"%s","Resource":"*"}]}""".formatted(action);
    }

    /** resourcePolicyRead: GetPolicy and its default version, retried while a new policy is not found. */
    private static String readPolicyDocument(TerraformProvider provider, String arn) {
        return provider.retryWhenNotFound(() -> {
            Policy policy = provider.iam.getPolicy(r -> r.policyArn(arn)).policy();
            return URLDecoder.decode(provider.iam.getPolicyVersion(r -> r.policyArn(arn).versionId(policy.defaultVersionId()))
                    .policyVersion().document(), StandardCharsets.UTF_8);
        });
    }

    /** policyPruneVersions: with five versions, the oldest that is not the default goes, so that one more fits. */
    private static void pruneVersions(TerraformProvider provider, String arn) {
        List<PolicyVersion> versions = provider.iam.listPolicyVersionsPaginator(r -> r.policyArn(arn)).versions().stream().toList();
        if (versions.size() < 5) {
            return;
        }
        versions.stream().filter(v -> !v.isDefaultVersion()).min(Comparator.comparing(PolicyVersion::createDate)
                        .thenComparing(v -> Integer.parseInt(v.versionId().substring(1))))
                .ifPresent(oldest -> provider.iam.deletePolicyVersion(r -> r.policyArn(arn).versionId(oldest.versionId())));
    }

    @Test
    void awsIamPolicyWhenCreatedReadUpdatedPastFiveVersionsImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-policy");
        TerraformProvider provider = new TerraformProvider(root(account));

        // create: CreatePolicy with description, path and tags; read the policy and its default version
        String arn = provider.iam.createPolicy(r -> r.policyName("tf-policy").path("/tf/").description("made by terraform")
                .policyDocument(allow("s3:GetObject")).tags(tag("Team", "data"))).policy().arn();
        assertThat(arn).isEqualTo("arn:aws:iam::" + account.accountId() + ":policy/tf/tf-policy");
        assertThat(readPolicyDocument(provider, arn)).isEqualTo(allow("s3:GetObject"));
        assertThat(provider.calls()).containsExactly("CreatePolicy", "GetPolicy", "GetPolicyVersion");

        // update the document six times: each a new default version, the oldest pruned once there are five
        for (int i = 1; i <= 6; i++) {
            String action = "s3:Action" + i;
            pruneVersions(provider, arn);
            provider.iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(allow(action)).setAsDefault(true));
            assertThat(readPolicyDocument(provider, arn)).isEqualTo(allow(action));
        }
        List<PolicyVersion> versions = provider.iam.listPolicyVersions(r -> r.policyArn(arn)).versions();
        assertThat(versions).hasSize(5).filteredOn(PolicyVersion::isDefaultVersion).extracting(PolicyVersion::versionId).containsExactly("v7");
        assertThat(provider.calls()).filteredOn(call -> call.equals("DeletePolicyVersion")).hasSize(2);
        // tags: untag the removed, tag the new
        provider.iam.untagPolicy(r -> r.policyArn(arn).tagKeys("Team"));
        provider.iam.tagPolicy(r -> r.policyArn(arn).tags(tag("Owner", "ops")));
        Policy updated = provider.iam.getPolicy(r -> r.policyArn(arn)).policy();
        assertThat(updated.tags()).containsExactly(tag("Owner", "ops"));
        assertThat(updated.description()).isEqualTo("made by terraform");

        // import: terraform import aws_iam_policy.p ARN
        assertThat(readPolicyDocument(provider, arn)).isEqualTo(allow("s3:Action6"));
        provider.calls();

        // destroy: every version but the default, then DeletePolicy
        for (PolicyVersion version : provider.iam.listPolicyVersionsPaginator(r -> r.policyArn(arn)).versions()) {
            if (!version.isDefaultVersion()) {
                provider.iam.deletePolicyVersion(r -> r.policyArn(arn).versionId(version.versionId()));
            }
        }
        provider.deleteIgnoringNotFound(() -> provider.iam.deletePolicy(r -> r.policyArn(arn)));
        assertThat(provider.calls()).containsExactly("ListPolicyVersions", "DeletePolicyVersion", "DeletePolicyVersion",
                "DeletePolicyVersion", "DeletePolicyVersion", "DeletePolicy");
        assertThatThrownBy(() -> provider.iam.getPolicy(r -> r.policyArn(arn))).isInstanceOf(NoSuchEntityException.class);
        assertThat(provider.retries()).isZero();
    }

    @Test
    void awsIamOpenIdConnectProviderWhenCreatedReadUpdatedImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-oidc");
        TerraformProvider provider = new TerraformProvider(root(account));
        String first = "a".repeat(40);
        String second = "b".repeat(40);

        // create: CreateOpenIDConnectProvider with its client ids, thumbprints and tags; read by ARN
        String arn = provider.iam.createOpenIDConnectProvider(r -> r.url("https://token.tf.example.com").clientIDList("app", "cli")
                .thumbprintList(first).tags(tag("Team", "ci"))).openIDConnectProviderArn();
        assertThat(arn).isEqualTo("arn:aws:iam::" + account.accountId() + ":oidc-provider/token.tf.example.com");
        GetOpenIdConnectProviderResponse created = provider.retryWhenNotFound(() ->
                provider.iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)));
        assertThat(created.url()).isEqualTo("token.tf.example.com");
        assertThat(created.clientIDList()).containsExactlyInAnyOrder("app", "cli");
        assertThat(created.thumbprintList()).containsExactly(first);
        assertThat(created.tags()).containsExactly(tag("Team", "ci"));

        // update: client ids removed and added one by one, thumbprints replaced, tags untagged then tagged
        provider.iam.removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("cli"));
        provider.iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("sts.amazonaws.com"));
        provider.iam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn).thumbprintList(first, second));
        provider.iam.untagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tagKeys("Team"));
        provider.iam.tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(tag("Owner", "ops")));
        GetOpenIdConnectProviderResponse updated = provider.iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(updated.clientIDList()).containsExactlyInAnyOrder("app", "sts.amazonaws.com");
        assertThat(updated.thumbprintList()).containsExactlyInAnyOrder(first, second);
        assertThat(updated.tags()).containsExactly(tag("Owner", "ops"));

        // import: by ARN, the same read; destroy: DeleteOpenIDConnectProvider, and the next refresh finds it gone
        assertThat(provider.iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).createDate()).isEqualTo(created.createDate());
        provider.deleteIgnoringNotFound(() -> provider.iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)));
        assertThatThrownBy(() -> provider.iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)))
                .isInstanceOf(NoSuchEntityException.class);
        assertThat(provider.calls()).containsExactly("CreateOpenIDConnectProvider", "GetOpenIDConnectProvider",
                "RemoveClientIDFromOpenIDConnectProvider", "AddClientIDToOpenIDConnectProvider", "UpdateOpenIDConnectProviderThumbprint",
                "UntagOpenIDConnectProvider", "TagOpenIDConnectProvider", "GetOpenIDConnectProvider", "GetOpenIDConnectProvider",
                "DeleteOpenIDConnectProvider", "GetOpenIDConnectProvider:NoSuchEntity");
        assertThat(provider.retries()).isZero();
    }

    @Test
    void awsIamSamlProviderWhenCreatedReadUpdatedImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() throws Exception {
        NewAccount account = IssuerFixture.newAccount("tf-saml");
        TerraformProvider provider = new TerraformProvider(root(account));
        String metadata = new TestSamlIdentityProvider("https://idp.tf.example.com/first").metadata();
        String rotated = new TestSamlIdentityProvider("https://idp.tf.example.com/second").metadata();

        // create: CreateSAMLProvider with its metadata and tags; read by ARN (create_date, valid_until, metadata)
        String arn = provider.iam.createSAMLProvider(r -> r.name("tf-corp").samlMetadataDocument(metadata).tags(tag("Team", "it")))
                .samlProviderArn();
        assertThat(arn).isEqualTo("arn:aws:iam::" + account.accountId() + ":saml-provider/tf-corp");
        GetSamlProviderResponse created = provider.retryWhenNotFound(() -> provider.iam.getSAMLProvider(r -> r.samlProviderArn(arn)));
        assertThat(created.samlMetadataDocument()).isEqualTo(metadata);
        assertThat(created.createDate()).isNotNull();
        assertThat(created.tags()).containsExactly(tag("Team", "it"));

        // update: UpdateSAMLProvider with the new metadata; tags untagged then tagged; read
        provider.iam.updateSAMLProvider(r -> r.samlProviderArn(arn).samlMetadataDocument(rotated));
        provider.iam.untagSAMLProvider(r -> r.samlProviderArn(arn).tagKeys("Team"));
        provider.iam.tagSAMLProvider(r -> r.samlProviderArn(arn).tags(tag("Owner", "ops")));
        GetSamlProviderResponse updated = provider.iam.getSAMLProvider(r -> r.samlProviderArn(arn));
        assertThat(updated.samlMetadataDocument()).isEqualTo(rotated);
        assertThat(updated.tags()).containsExactly(tag("Owner", "ops"));

        // import by ARN: the same read; destroy: DeleteSAMLProvider, and the next refresh finds it gone
        assertThat(provider.iam.getSAMLProvider(r -> r.samlProviderArn(arn)).createDate()).isEqualTo(created.createDate());
        provider.deleteIgnoringNotFound(() -> provider.iam.deleteSAMLProvider(r -> r.samlProviderArn(arn)));
        assertThatThrownBy(() -> provider.iam.getSAMLProvider(r -> r.samlProviderArn(arn))).isInstanceOf(NoSuchEntityException.class);
        assertThat(provider.calls()).containsExactly("CreateSAMLProvider", "GetSAMLProvider", "UpdateSAMLProvider", "UntagSAMLProvider",
                "TagSAMLProvider", "GetSAMLProvider", "GetSAMLProvider", "DeleteSAMLProvider", "GetSAMLProvider:NoSuchEntity");
        assertThat(provider.retries()).isZero();
    }
}
