package dev.mayfly.sigv4;

/** The Credential part of a signature: {@code AKID/20150830/us-east-1/sts/aws4_request}. */
public record CredentialScope(String accessKeyId, String date, String region, String service) {

    private static final String TERMINATOR = "aws4_request";

    /** KEY/DATE/REGION/SERVICE/aws4_request: five parts, found by their slashes (every signed request has one). */
    static CredentialScope parse(String credential) {
        int dateAt = credential.indexOf('/') + 1;
        int regionAt = dateAt == 0 ? 0 : credential.indexOf('/', dateAt) + 1;
        int serviceAt = regionAt == 0 ? 0 : credential.indexOf('/', regionAt) + 1;
        int terminatorAt = serviceAt == 0 ? 0 : credential.indexOf('/', serviceAt) + 1;
        if (terminatorAt == 0 || !credential.startsWith(TERMINATOR, terminatorAt)
                || credential.length() != terminatorAt + TERMINATOR.length() || dateAt == 1 || regionAt - dateAt != 9
                || serviceAt == regionAt + 1 || terminatorAt == serviceAt + 1) {
            String[] parts = credential.split("/", -1);
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE,
                    "Credential should be scoped to a valid region, not '" + (parts.length > 2 ? parts[2] : "") + "'. ");
        }
        return new CredentialScope(credential.substring(0, dateAt - 1), credential.substring(dateAt, regionAt - 1),
                credential.substring(regionAt, serviceAt - 1), credential.substring(serviceAt, terminatorAt - 1));
    }

    /** The scope as it appears in the string to sign: everything after the access key id. */
    public String scope() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }
}
