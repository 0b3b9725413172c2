package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.TestSamlIdentityProvider.Claims;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.SAMLProviderListEntry;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;

/** SAML federation through the AWS SDK: IAM's SAML providers, and AssumeRoleWithSAML with responses the test signs. */
class SamlFederationTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static StsClient anonymousSts() {
        return StsClient.builder().endpointOverride(IssuerFixture.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    /** An account with the identity provider registered and a role that trusts it. */
    private record Federation(NewAccount account, TestSamlIdentityProvider idp, String providerArn, String roleArn) {
        Claims claims(String subject) {
            return TestSamlIdentityProvider.claims(subject, roleArn, providerArn, subject);
        }

        AssumeRoleWithSamlResponse assume(String response) {
            return anonymousSts().assumeRoleWithSAML(r -> r.roleArn(roleArn).principalArn(providerArn).samlAssertion(response));
        }
    }

    private static Federation federation(String name) throws Exception {
        NewAccount account = IssuerFixture.newAccount(name);
        IamClient rootIam = iam(root(account));
        TestSamlIdentityProvider idp = new TestSamlIdentityProvider("https://idp.example.com/" + name);
        String providerArn = rootIam.createSAMLProvider(r -> r.name("corp").samlMetadataDocument(idp.metadata())).samlProviderArn();
        String roleArn = rootIam.createRole(r -> r.roleName("engineer").maxSessionDuration(7200).assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithSAML",
                 "Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"},"StringLike":{"SAML:sub":"*@example.com"}}}}"""
                .formatted(providerArn))).role().arn();
        return new Federation(account, idp, providerArn, roleArn);
    }

    @Test
    void samlProviderWhenManagedThenAsIamAnswersAndMetadataChecked() throws Exception {
        NewAccount account = IssuerFixture.newAccount("saml-providers");
        IamClient rootIam = iam(root(account));
        TestSamlIdentityProvider idp = new TestSamlIdentityProvider("https://idp.example.com/one");
        String arn = rootIam.createSAMLProvider(r -> r.name("okta").samlMetadataDocument(idp.metadata())).samlProviderArn();
        assertThat(arn).isEqualTo("arn:aws:iam::" + account.accountId() + ":saml-provider/okta");
        assertThat(rootIam.getSAMLProvider(r -> r.samlProviderArn(arn)).samlMetadataDocument()).isEqualTo(idp.metadata());
        assertThat(rootIam.listSAMLProviders().samlProviderList()).extracting(SAMLProviderListEntry::arn).containsExactly(arn);

        TestSamlIdentityProvider next = new TestSamlIdentityProvider("https://idp.example.com/two");
        rootIam.updateSAMLProvider(r -> r.samlProviderArn(arn).samlMetadataDocument(next.metadata()));
        assertThat(rootIam.getSAMLProvider(r -> r.samlProviderArn(arn)).samlMetadataDocument()).contains("https://idp.example.com/two");

        assertThatThrownBy(() -> rootIam.createSAMLProvider(r -> r.name("OKTA").samlMetadataDocument(idp.metadata())))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("EntityAlreadyExists"));
        String notMetadata = "<not-metadata>" + "x".repeat(1000) + "</not-metadata>";
        assertThatThrownBy(() -> rootIam.createSAMLProvider(r -> r.name("bad").samlMetadataDocument(notMetadata)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidInput"));
        String withDoctype = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + idp.metadata();
        assertThatThrownBy(() -> rootIam.createSAMLProvider(r -> r.name("xxe").samlMetadataDocument(withDoctype)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidInput"));

        rootIam.deleteSAMLProvider(r -> r.samlProviderArn(arn));
        assertThatThrownBy(() -> rootIam.getSAMLProvider(r -> r.samlProviderArn(arn)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
    }

    @Test
    void assumeRoleWithSamlWhenSignedResponseListsTheRoleThenSessionLimitedBySessionDuration() throws Exception {
        Federation federation = federation("saml-assume");
        AssumeRoleWithSamlResponse response = federation.assume(federation.idp().response(federation.claims("alice@example.com")));
        assertThat(response.subject()).isEqualTo("alice@example.com");
        assertThat(response.subjectType()).isEqualTo("persistent");
        assertThat(response.issuer()).isEqualTo(federation.idp().entityId());
        assertThat(response.audience()).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(response.nameQualifier()).isNotBlank();
        assertThat(response.assumedRoleUser().arn()).endsWith(":assumed-role/engineer/alice@example.com");
        assertThat(Duration.between(Instant.now(), response.credentials().expiration())).isBetween(Duration.ofSeconds(1700), Duration.ofSeconds(1801));
        assertThat(IssuerFixture.sts(credentials(response.credentials())).getCallerIdentity().arn()).endsWith(":assumed-role/engineer/alice@example.com");

        assertThatThrownBy(() -> federation.assume(federation.idp().response(federation.claims("mallory@evil.example"))))
                .as("the trust policy's SAML:sub condition").satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void assumeRoleWithSamlWhenResponseReplayedTamperedForeignOrExpiredThenRefused() throws Exception {
        Federation federation = federation("saml-refusals");
        String response = federation.idp().response(federation.claims("bob@example.com"));
        federation.assume(response);
        assertThatThrownBy(() -> federation.assume(response)).as("one use per role")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidIdentityToken"));

        // until the role's trust policy accepts the caller, every refusal reads alike (NoEnumerationTest): the
        // account's provider, its keys and its roles are not told to a caller it does not trust
        Document tampered = federation.idp().signedResponse(federation.claims("bob@example.com"));
        ((Element) tampered.getElementsByTagNameNS(TestSamlIdentityProvider.ASSERTION_NS, "NameID").item(0)).setTextContent("admin@example.com");
        assertThatThrownBy(() -> federation.assume(TestSamlIdentityProvider.encode(tampered)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        TestSamlIdentityProvider impostor = new TestSamlIdentityProvider(federation.idp().entityId());
        assertThatThrownBy(() -> federation.assume(impostor.response(federation.claims("bob@example.com"))))
                .as("signed by another key").satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        Claims expired = federation.claims("bob@example.com");
        Claims old = new Claims(expired.subject(), expired.audience(), expired.recipient(), Instant.now().minusSeconds(600), expired.attributes());
        assertThatThrownBy(() -> federation.assume(federation.idp().response(old)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        Claims otherAudience = new Claims(expired.subject(), "https://elsewhere.example.com", expired.recipient(), expired.notOnOrAfter(),
                expired.attributes());
        assertThatThrownBy(() -> federation.assume(federation.idp().response(otherAudience)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        Claims otherRole = federation.claims("bob@example.com").withAttributes(Map.of(
                "https://aws.amazon.com/SAML/Attributes/Role", List.of(federation.roleArn().replace("engineer", "admin") + "," + federation.providerArn()),
                "https://aws.amazon.com/SAML/Attributes/RoleSessionName", List.of("bob")));
        assertThatThrownBy(() -> federation.assume(federation.idp().response(otherRole)))
                .as("the Role attribute must list the role asked for").satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        Claims noSessionName = federation.claims("bob@example.com").withAttributes(Map.of(
                "https://aws.amazon.com/SAML/Attributes/Role", List.of(federation.roleArn() + "," + federation.providerArn())));
        assertThatThrownBy(() -> federation.assume(federation.idp().response(noSessionName)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> federation.assume("bm90IHhtbA==")).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        String fresh = federation.idp().response(federation.claims("bob@example.com"));
        assertThatThrownBy(() -> anonymousSts().assumeRoleWithSAML(r -> r.roleArn(federation.roleArn()).principalArn(federation.providerArn())
                .samlAssertion(fresh).policy("{not json"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("MalformedPolicyDocument"));
    }

    @Test
    void assumeRoleWithSamlWhenSignedAssertionWrappedBesideAnUnsignedOneThenRefused() throws Exception {
        Federation federation = federation("saml-wrapping");
        Document genuine = federation.idp().signedResponse(federation.claims("eve@example.com"));
        Element response = genuine.getDocumentElement();
        Element signed = (Element) genuine.getElementsByTagNameNS(TestSamlIdentityProvider.ASSERTION_NS, "Assertion").item(0);
        Element forged = (Element) signed.cloneNode(true);
        forged.setAttribute("ID", "_forged");
        Element forgedSubject = (Element) forged.getElementsByTagNameNS(TestSamlIdentityProvider.ASSERTION_NS, "NameID").item(0);
        forgedSubject.setTextContent("root@example.com");
        forged.removeChild(forged.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0));
        Element extensions = genuine.createElementNS(TestSamlIdentityProvider.PROTOCOL_NS, "samlp:Extensions");
        response.replaceChild(forged, signed);
        extensions.appendChild(signed);
        response.insertBefore(extensions, response.getFirstChild().getNextSibling());
        assertThatThrownBy(() -> federation.assume(TestSamlIdentityProvider.encode(genuine)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void assumeRoleWithSamlWhenAssertionCarriesPrincipalTagsThenTrustMustAllowTagSessionAndTheyArePrincipalTags() throws Exception {
        Federation federation = federation("saml-tags");
        IamClient rootIam = iam(root(federation.account()));
        rootIam.putRolePolicy(r -> r.roleName("engineer").policyName("by-cost-center").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*",
                 "Condition":{"StringEquals":{"aws:PrincipalTag/costCenter":"42"}}}}"""));
        Claims tagged = federation.claims("dana@example.com").withAttributes(Map.of(
                "https://aws.amazon.com/SAML/Attributes/Role", List.of(federation.roleArn() + "," + federation.providerArn()),
                "https://aws.amazon.com/SAML/Attributes/RoleSessionName", List.of("dana"),
                "https://aws.amazon.com/SAML/Attributes/PrincipalTag:costCenter", List.of("42")));
        assertThatThrownBy(() -> federation.assume(federation.idp().response(tagged)))
                .as("the trust policy does not allow sts:TagSession").satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        rootIam.updateAssumeRolePolicy(r -> r.roleName("engineer").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":["sts:AssumeRoleWithSAML","sts:TagSession"]}}""".formatted(federation.providerArn())));
        var session = federation.assume(federation.idp().response(tagged));
        assertThat(iam(credentials(session.credentials())).listRoles().roles()).isNotEmpty();
    }
}
