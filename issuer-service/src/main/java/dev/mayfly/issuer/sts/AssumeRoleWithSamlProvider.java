package dev.mayfly.issuer.sts;

import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.issuer.api.RoleArn;
import dev.mayfly.issuer.api.SamlProviderRef;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AnonymousAction;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.SamlProviderView;
import dev.mayfly.issuer.saml.AssertionUses;
import dev.mayfly.issuer.saml.SamlAssertion;
import dev.mayfly.issuer.saml.SamlResponseVerifier;
import dev.mayfly.issuer.sts.SessionIssuer.SessionCredentials;
import dev.mayfly.policy.Decision;
import dev.mayfly.policy.Principal;
import dev.mayfly.policy.RequestContext;
import dev.mayfly.runtime.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AssumeRoleWithSAML: a signed SAML response from an identity provider registered in the role's account (PrincipalArn),
 * unsigned request. The assertion's Role attribute must list the pair (role, provider) asked for, its RoleSessionName
 * attribute names the session, and its SessionDuration attribute (or DurationSeconds) how long it lasts, never past
 * the identity provider's session (SessionNotOnOrAfter). The trust policy decides alone, with {"Federated": provider
 * ARN} and the SAML:aud, SAML:iss, SAML:sub, SAML:sub_type and SAML:namequalifier keys. Until the trust policy has
 * accepted the caller, every refusal is {@link FederationRefusal}'s: nothing of the role's account (its roles,
 * providers, regions, policies) is told to a caller it does not trust.
 */
final class AssumeRoleWithSamlProvider extends DeclaredAction implements AnonymousAction {

    static final String ACTION = "sts:AssumeRoleWithSAML";
    static final String ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";
    static final String SESSION_NAME_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
    static final String SESSION_DURATION_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
    private static final Pattern PROVIDER_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):saml-provider/([\\w._-]+)");
    private static final String NAME_FORMAT = "urn:oasis:names:tc:SAML:2.0:nameid-format:";

    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final SessionIssuer sessions;
    private final AssertionUses assertionUses;

    AssumeRoleWithSamlProvider(IdentityDirectory directory, Authorizer authorizer, SessionIssuer sessions, AssertionUses assertionUses) {
        super("AssumeRoleWithSAML", AwsService.STS, true);
        this.directory = directory;
        this.authorizer = authorizer;
        this.sessions = sessions;
        this.assertionUses = assertionUses;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        QueryParameters parameters = context.parameters();
        RoleArn roleArn = AssumeRoleRequest.roleArn(parameters);
        String principalArn = parameters.required("PrincipalArn", "principalArn", 20, 2048);
        Matcher provider = PROVIDER_ARN.matcher(principalArn);
        if (!provider.matches()) {
            throw AwsServiceException.validation(principalArn + " is not a valid SAML provider ARN.");
        }
        String encoded = parameters.required("SAMLAssertion", "sAMLAssertion", 4, 100_000);
        Integer requestedDuration = parameters.get("DurationSeconds") == null ? null : AssumeRoleRequest.durationSeconds(parameters);
        SessionScope scope = SessionScope.policies(parameters);

        Accepted accepted = FederationRefusal.unlessAccepted(ACTION,
                () -> accept(context, roleArn, principalArn, provider.group(2), encoded));
        RoleView role = accepted.role();
        SamlAssertion assertion = accepted.assertion();
        StsRegions.requireActive(directory, role.accountId(), context.region());
        scope = scope.requireManagedPoliciesIn(role.accountId(), directory)
                .withTags(accepted.tags().tags(), accepted.tags().transitiveTagKeys(), Map.of());
        Integer packedPolicySize = scope.packedPercentage();
        int duration = duration(assertion, requestedDuration, role, context);
        if (!assertionUses.firstUse(assertion, role.arn(), context.now())) {
            throw new AwsServiceException("InvalidIdentityToken", "This SAML assertion was already used to assume this role.", 400);
        }
        authorizer.refuseQuarantined(role.accountId().value(), List.of(role.arn()), ACTION, role.arn());
        SessionCredentials credentials = sessions.assumedRole(role, accepted.sessionName(), context.now(), duration, null, scope, principalArn,
                null);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Subject", assertion.subject());
        extra.put("SubjectType", accepted.subjectType());
        extra.put("Issuer", assertion.issuer());
        extra.put("Audience", assertion.audience());
        extra.put("NameQualifier", accepted.nameQualifier());
        return AssumedRoleResult.of(role, credentials, packedPolicySize, extra).verifiedAs(new UserIdentity("SAMLUser",
                accepted.nameQualifier() + ":" + assertion.subject(), null, null, null, assertion.subject(), null, accepted.nameQualifier()));
    }

    /** A role whose trust policy accepted an assertion its account's provider signed, with what the session is made of. */
    private record Accepted(RoleView role, SamlAssertion assertion, String sessionName, String subjectType, String nameQualifier,
                            FederatedTags tags) {
    }

    /** Everything that depends on the role's account, up to its trust policy's decision; any refusal is {@link FederationRefusal}'s. */
    private Accepted accept(ActionContext context, RoleArn roleArn, String principalArn, String providerName, String encoded) {
        SamlProviderView samlProvider = directory.samlProvider(new SamlProviderRef(roleArn.ref().account(), providerName))
                .filter(p -> p.arn().equals(principalArn))
                .orElseThrow(() -> new AwsServiceException("InvalidIdentityToken", "No SAML provider " + principalArn
                        + " in the role's account.", 400));
        if (samlProvider.metadata().validUntil() != null && !context.now().isBefore(samlProvider.metadata().validUntil())) {
            throw new AwsServiceException("InvalidIdentityToken", "The SAML provider's metadata expired at "
                    + samlProvider.metadata().validUntil() + ".", 400);
        }
        SamlAssertion assertion = SamlResponseVerifier.verify(encoded, samlProvider.metadata(), context.now());
        if (!listsRole(assertion, roleArn.toString(), principalArn)) {
            throw FederationRefusal.of(ACTION, "The SAML assertion's Role attribute does not list " + roleArn + "," + principalArn + ".");
        }
        String sessionName = sessionName(assertion);
        RoleView role = directory.role(roleArn.ref()).filter(r -> r.arn().equals(roleArn.toString()))
                .orElseThrow(() -> FederationRefusal.of(ACTION, "The role " + roleArn + " does not exist."));
        String nameQualifier = nameQualifier(assertion.issuer(), role.accountId().value(), samlProvider.name());
        String subjectType = subjectType(assertion.subjectFormat());
        Map<String, List<String>> keys = new HashMap<>(context.conditionKeys());
        keys.put("SAML:aud", List.of(assertion.audience()));
        keys.put("SAML:iss", List.of(assertion.issuer()));
        keys.put("SAML:sub", List.of(assertion.subject()));
        keys.put("SAML:sub_type", List.of(subjectType));
        keys.put("SAML:namequalifier", List.of(nameQualifier));
        keys.put("aws:FederatedProvider", List.of(principalArn));
        keys.put("sts:RoleSessionName", List.of(sessionName));
        FederatedTags tags = FederatedTags.fromAssertion(assertion);
        keys.putAll(SessionScope.conditionKeys(tags.tags(), tags.transitiveTagKeys()));
        Principal principal = Principal.federated(principalArn, role.accountId().value());
        if (!trusted(role, ACTION, principal, keys)) {
            throw FederationRefusal.of(ACTION, "The role's trust policy does not allow " + ACTION + " to this caller.");
        }
        if (!tags.isEmpty() && !trusted(role, "sts:TagSession", principal, keys)) {
            throw FederationRefusal.of(ACTION, "The role's trust policy does not allow sts:TagSession to this caller.");
        }
        return new Accepted(role, assertion, sessionName, subjectType, nameQualifier, tags);
    }

    /** The Role attribute lists "role ARN,provider ARN" pairs, in either order. */
    private static boolean listsRole(SamlAssertion assertion, String roleArn, String providerArn) {
        return assertion.attribute(ROLE_ATTRIBUTE).stream().anyMatch(value -> {
            List<String> pair = List.of(value.split(",", -1)).stream().map(String::strip).toList();
            return pair.size() == 2 && pair.contains(roleArn) && pair.contains(providerArn);
        });
    }

    private static String sessionName(SamlAssertion assertion) {
        List<String> names = assertion.attribute(SESSION_NAME_ATTRIBUTE);
        if (names.size() != 1 || !names.getFirst().matches("[\\w+=,.@-]{2,64}")) {
            throw new AwsServiceException("IDPRejectedClaim", "The SAML assertion's RoleSessionName attribute must be one value of 2 to 64 "
                    + "characters of [\\w+=,.@-].", 403);
        }
        return names.getFirst();
    }

    /**
     * DurationSeconds, else the SessionDuration attribute, else an hour; within the role's MaxSessionDuration, and never
     * past the identity provider's SessionNotOnOrAfter.
     */
    private static int duration(SamlAssertion assertion, Integer requested, RoleView role, ActionContext context) {
        int duration = requested != null ? requested : assertion.attribute(SESSION_DURATION_ATTRIBUTE).stream().findFirst()
                .map(AssumeRoleWithSamlProvider::sessionDurationAttribute).orElse(AssumeRoleRequest.DEFAULT_DURATION);
        if (duration > role.maxSessionDuration()) {
            throw AwsServiceException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        if (assertion.sessionNotOnOrAfter() != null) {
            long remaining = Duration.between(context.now(), assertion.sessionNotOnOrAfter()).toSeconds();
            if (remaining < AssumeRoleRequest.MIN_DURATION) {
                throw new AwsServiceException("IDPRejectedClaim", "The identity provider's session ends in less than 15 minutes.", 403);
            }
            duration = (int) Math.min(duration, remaining);
        }
        return duration;
    }

    private static int sessionDurationAttribute(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= AssumeRoleRequest.MIN_DURATION && seconds <= AssumeRoleRequest.MAX_DURATION) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new AwsServiceException("IDPRejectedClaim", "The SAML assertion's SessionDuration attribute must be 900 to 43200 seconds.", 403);
    }

    /** persistent, transient, or the full format URI of another NameID format (as STS's SubjectType says). */
    private static String subjectType(String format) {
        if (format == null) {
            return "unspecified";
        }
        return format.equals(NAME_FORMAT + "persistent") || format.equals(NAME_FORMAT + "transient") ? format.substring(NAME_FORMAT.length())
                : format;
    }

    /** SAML:namequalifier: base64 of SHA-1 over the issuer, the account id and "/" with the provider's name, as AWS computes it. */
    static String nameQualifier(String issuer, String accountId, String providerName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((issuer + accountId + "/" + providerName).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    private static boolean trusted(RoleView role, String action, Principal principal, Map<String, List<String>> keys) {
        return role.parsedTrustPolicy().evaluate(new RequestContext(action, role.arn(), principal, keys)) == Decision.ALLOW;
    }

    @Override
    public Optional<String> recipientAccount(QueryParameters parameters) {
        return Optional.ofNullable(parameters.get("RoleArn")).flatMap(RoleArn::parse).map(arn -> arn.ref().account().value());
    }

    /** CloudTrail's SAMLUser; the assertion's claims are not read before they are verified, so the identity is the provider. */
    @Override
    public UserIdentity claimedIdentity(QueryParameters parameters) {
        String provider = parameters.get("PrincipalArn");
        return new UserIdentity("SAMLUser", provider == null ? null : provider.substring(0, Math.min(2048, provider.length())), null,
                null, null, null, null);
    }
}
