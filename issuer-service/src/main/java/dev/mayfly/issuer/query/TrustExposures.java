package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.query.AnalyzerViews.TrustExposure;
import dev.mayfly.policy.AllowGrant;
import dev.mayfly.policy.AllowGrant.GrantCondition;
import dev.mayfly.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who from outside a role's account (its zone of trust) its trust policy lets assume it, as IAM Access Analyzer reports
 * it: each Allow statement that allows an sts:AssumeRole* action gives one exposure per principal it names outside the
 * account (another account or its users and roles, an identity provider, {@code "*"}, or everyone a NotPrincipal leaves
 * in). Services are not outside principals. A {@code "*"} whose conditions bind the caller to this very account
 * (aws:PrincipalAccount, aws:SourceAccount, aws:PrincipalArn) is inside the zone; one whose conditions otherwise limit
 * who (an organization, an external id, a source, ...) is not public, though external; one with no such condition is
 * public. The statement's conditions are reported with the exposure.
 */
final class TrustExposures {

    static final List<String> ASSUME_ACTIONS = List.of("sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern IAM_ARN = Pattern.compile("arn:[^:]+:(?:iam|sts)::(\\d{12}):(.+)");
    /** Keys that limit who the caller can be, so that a "*" they constrain is not anyone (lower case). */
    private static final Set<String> LIMITING_KEYS = Set.of("aws:principalaccount", "aws:principalarn", "aws:principalorgid",
            "aws:principalorgpaths", "aws:userid", "aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:sourceip",
            "aws:sourcevpc", "aws:sourcevpce", "aws:principalservicename", "sts:externalid");

    private TrustExposures() {
    }

    /** The exposures of a trust policy of a role of the account; none when the policy does not parse (it always did). */
    static List<TrustExposure> of(String trustPolicy, AccountId zone) {
        List<AllowGrant> grants;
        try {
            grants = PolicyDocument.parse(trustPolicy).allowGrants();
        } catch (RuntimeException e) {
            return List.of();
        }
        Map<String, TrustExposure> exposures = new LinkedHashMap<>();
        for (AllowGrant grant : grants) {
            List<String> actions = ASSUME_ACTIONS.stream().filter(grant::allowsAction).toList();
            if (actions.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, String> principal : outsidePrincipals(grant, zone)) {
                boolean anyone = principal.getValue().equals("*");
                if (anyone && bindsToZone(grant.conditions(), zone)) {
                    continue;
                }
                TrustExposure exposure = new TrustExposure(principal.getKey(), principal.getValue(), actions,
                        conditionMap(grant.conditions()), anyone && !limitsWho(grant.conditions()));
                exposures.merge(exposure.key(), exposure, TrustExposures::merged);
            }
        }
        return List.copyOf(exposures.values());
    }

    /** Two statements letting the same principal in: all the actions, and the less constrained of their conditions. */
    private static TrustExposure merged(TrustExposure one, TrustExposure other) {
        Set<String> actions = new LinkedHashSet<>(one.actions());
        actions.addAll(other.actions());
        TrustExposure looser = other.condition().size() < one.condition().size() ? other : one;
        return new TrustExposure(one.principalType(), one.principalValue(),
                ASSUME_ACTIONS.stream().filter(actions::contains).toList(), looser.condition(), one.isPublic() || other.isPublic());
    }

    /** The principals outside the account a grant names, as a finding shows them (an account's root as its id). */
    private static List<Map.Entry<String, String>> outsidePrincipals(AllowGrant grant, AccountId zone) {
        List<Map.Entry<String, String>> outside = new ArrayList<>();
        if (grant.notPrincipal()) {
            // everyone but those named: anyone, for the zone's purposes
            outside.add(Map.entry("AWS", "*"));
            return outside;
        }
        for (Map.Entry<String, List<String>> element : grant.principals().entrySet()) {
            for (String value : element.getValue()) {
                if (element.getKey().equals("Federated")) {
                    outside.add(Map.entry("Federated", value));
                } else if (element.getKey().equals("AWS")) {
                    shownAwsPrincipal(value, zone).ifPresent(shown -> outside.add(Map.entry("AWS", shown)));
                }
            }
        }
        return outside;
    }

    /** An AWS principal outside the account as a finding names it; empty when it is the account's own. */
    private static Optional<String> shownAwsPrincipal(String value, AccountId zone) {
        if (value.equals("*")) {
            return Optional.of("*");
        }
        if (ACCOUNT.matcher(value).matches()) {
            return value.equals(zone.value()) ? Optional.empty() : Optional.of(value);
        }
        Matcher arn = IAM_ARN.matcher(value);
        if (arn.matches()) {
            if (arn.group(1).equals(zone.value())) {
                return Optional.empty();
            }
            return Optional.of(arn.group(2).equals("root") ? arn.group(1) : value);
        }
        return Optional.of(value);
    }

    /** Whether a non-negated condition pins the caller's (or source's) account or ARN to the zone. */
    private static boolean bindsToZone(List<GrantCondition> conditions, AccountId zone) {
        for (GrantCondition condition : conditions) {
            if (condition.negated() || condition.ifExists() || condition.values().isEmpty()) {
                continue;
            }
            String key = condition.key().toLowerCase(Locale.ROOT);
            if ((key.equals("aws:principalaccount") || key.equals("aws:sourceaccount"))
                    && condition.values().stream().allMatch(zone.value()::equals)) {
                return true;
            }
            if (key.equals("aws:principalarn") && condition.values().stream().allMatch(v -> v.startsWith("arn:aws:iam::" + zone.value() + ":"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean limitsWho(List<GrantCondition> conditions) {
        return conditions.stream().anyMatch(c -> !c.negated() && LIMITING_KEYS.contains(c.key().toLowerCase(Locale.ROOT)));
    }

    private static Map<String, String> conditionMap(List<GrantCondition> conditions) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (GrantCondition condition : conditions) {
            shown.merge(condition.key(), String.join(",", condition.values()), (a, b) -> a + "," + b);
        }
        return Map.copyOf(shown);
    }
}
