package dev.mayfly.issuer.protocol;

import dev.mayfly.contract.SigningNames;

/** The services the issuer's Query endpoint speaks. */
public enum AwsService {
    STS(SigningNames.STS, "sts.amazonaws.com", "2011-06-15"),
    IAM(SigningNames.IAM, "iam.amazonaws.com", "2010-05-08");

    private final String signingName;
    private final String eventSource;
    private final String version;

    AwsService(String signingName, String eventSource, String version) {
        this.signingName = signingName;
        this.eventSource = eventSource;
        this.version = version;
    }

    /** The service name a SigV4 credential scope must carry. */
    public String signingName() {
        return signingName;
    }

    /** CloudTrail's eventSource. */
    public String eventSource() {
        return eventSource;
    }

    public String version() {
        return version;
    }

    /** The XML namespace of responses. */
    public String namespace() {
        return "https://" + eventSource + "/doc/" + version + "/";
    }

    /** The service a request addresses, by its Version parameter, else by the credential scope's service. */
    public static AwsService forRequest(String version, String scopeService) {
        for (AwsService service : values()) {
            if (service.version.equals(version)) {
                return service;
            }
        }
        return "iam".equals(scopeService) ? IAM : STS;
    }
}
