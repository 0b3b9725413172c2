package dev.mayfly.awspolicies;

import dev.mayfly.policy.PolicyDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One AWS-managed policy as AWS publishes it (GetPolicy, and GetPolicyVersion of its default version, the only version
 * Mayfly holds). Its document is read from the module's resources the first time it is asked for and parsed once: a
 * verifier that never meets ReadOnlyAccess never reads its hundred kilobytes.
 */
public final class AwsManagedPolicy {

    private final String policyName;
    private final String policyId;
    private final String arn;
    private final String path;
    private final String description;
    private final String defaultVersionId;
    private final Instant createDate;
    private final Instant updateDate;
    private final Instant versionCreateDate;
    private volatile PolicyDocument parsed;
    private volatile String document;

    AwsManagedPolicy(String policyName, String policyId, String arn, String path, String description, String defaultVersionId,
                     Instant createDate, Instant updateDate, Instant versionCreateDate) {
        this.policyName = policyName;
        this.policyId = policyId;
        this.arn = arn;
        this.path = path;
        this.description = description;
        this.defaultVersionId = defaultVersionId;
        this.createDate = createDate;
        this.updateDate = updateDate;
        this.versionCreateDate = versionCreateDate;
    }

    public String policyName() {
        return policyName;
    }

    /** Its unique id (ANPA...), the same in every account, as AWS's. */
    public String policyId() {
        return policyId;
    }

    /** arn:aws:iam::aws:policy, its path, its name. */
    public String arn() {
        return arn;
    }

    /** "/", "/service-role/", "/job-function/"... */
    public String path() {
        return path;
    }

    public String description() {
        return description;
    }

    /** The version AWS publishes as the default ("v178"): the one Mayfly holds and decides with. */
    public String defaultVersionId() {
        return defaultVersionId;
    }

    /** When AWS created the policy. */
    public Instant createDate() {
        return createDate;
    }

    /** When AWS last changed it: when its default version was made. */
    public Instant updateDate() {
        return updateDate;
    }

    /** When the default version was created. */
    public Instant versionCreateDate() {
        return versionCreateDate;
    }

    /** The default version's document, as AWS publishes it. */
    public String document() {
        String text = document;
        if (text == null) {
            text = read();
            document = text;
        }
        return text;
    }

    /** The default version's document, parsed (once). */
    public PolicyDocument parsed() {
        PolicyDocument result = parsed;
        if (result == null) {
            result = PolicyDocument.parse(document());
            parsed = result;
        }
        return result;
    }

    private String read() {
        String resource = "documents/" + policyName + ".json";
        try (InputStream in = AwsManagedPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the document of " + arn + " is missing from the build (" + resource + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the document of " + arn + " could not be read", e);
        }
    }

    @Override
    public String toString() {
        return arn + " (" + defaultVersionId + ")";
    }
}
