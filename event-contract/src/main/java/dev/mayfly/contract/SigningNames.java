package dev.mayfly.contract;

import java.util.Set;

/**
 * The SigV4 service names Mayfly's own services answer to. No verifier is ever granted a signing key for one of them:
 * a key for "iam" would sign IAM calls as the session.
 */
public final class SigningNames {

    public static final String STS = "sts";
    public static final String IAM = "iam";
    public static final String CLOUDTRAIL = "cloudtrail";
    public static final String REVOCATION = "revocation";
    public static final Set<String> MAYFLY_SERVICES = Set.of(STS, IAM, CLOUDTRAIL, REVOCATION);

    private SigningNames() {
    }
}
