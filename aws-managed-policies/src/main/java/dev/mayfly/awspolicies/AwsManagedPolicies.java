package dev.mayfly.awspolicies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS-managed policies Mayfly provides, by ARN: read once from catalog.json, the same for every account and every
 * process of a build.
 */
public final class AwsManagedPolicies {

    /** What every AWS-managed policy's ARN starts with: its account is "aws", no tenant's. */
    public static final String ARN_PREFIX = "arn:aws:iam::aws:policy/";

    private static final AwsManagedPolicies CATALOG = load();

    private final String source;
    private final Map<String, AwsManagedPolicy> byArn;

    private AwsManagedPolicies(String source, Map<String, AwsManagedPolicy> byArn) {
        this.source = source;
        this.byArn = byArn;
    }

    /** The catalog this build ships. */
    public static AwsManagedPolicies catalog() {
        return CATALOG;
    }

    /** Whether an ARN names an AWS-managed policy (one that exists or not). */
    public static boolean isAwsManaged(String arn) {
        return arn != null && arn.startsWith(ARN_PREFIX);
    }

    /** The policy of this ARN, path included, exactly as AWS spells it; empty when Mayfly does not provide it. */
    public Optional<AwsManagedPolicy> byArn(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    /** Every policy, by name without regard to case, as IAM lists names. */
    public List<AwsManagedPolicy> all() {
        return List.copyOf(byArn.values());
    }

    /** Where the documents came from (a commit of the public mirror they were read from). */
    public String source() {
        return source;
    }

    private static AwsManagedPolicies load() {
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream("catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("catalog.json of the AWS-managed policies is missing from the build");
            }
            JsonNode catalog = new ObjectMapper().readTree(in);
            List<AwsManagedPolicy> policies = new ArrayList<>();
            for (JsonNode p : catalog.get("Policies")) {
                policies.add(new AwsManagedPolicy(p.get("PolicyName").asText(), p.get("PolicyId").asText(), p.get("Arn").asText(),
                        p.get("Path").asText(), p.get("Description").asText(), p.get("DefaultVersionId").asText(),
                        instant(p.get("CreateDate")), instant(p.get("UpdateDate")), instant(p.get("VersionCreateDate"))));
            }
            policies.sort(Comparator.comparing(p -> p.policyName().toLowerCase(Locale.ROOT)));
            Map<String, AwsManagedPolicy> byArn = new LinkedHashMap<>();
            policies.forEach(p -> byArn.put(p.arn(), p));
            return new AwsManagedPolicies(catalog.get("Source").asText(), byArn);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog.json of the AWS-managed policies could not be read", e);
        }
    }

    private static Instant instant(JsonNode date) {
        return OffsetDateTime.parse(date.asText()).toInstant();
    }
}
