package dev.mayfly.sigv4;

/** The Credential part of a signature: {@code AKID/20150830/us-east-1/sts/aws4_request}. */
public record CredentialScope(String accessKeyId, String date, String region, String service) {

    private static final String TERMINATOR = "aws4_request";

    static CredentialScope parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || !TERMINATOR.equals(parts[4]) || parts[0].isEmpty() || parts[1].length() != 8
                || parts[2].isEmpty() || parts[3].isEmpty()) {
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE,
                    "Credential should be scoped to a valid region, not '" + (parts.length > 2 ? parts[2] : "") + "'. ");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }

    /** The scope as it appears in the string to sign: everything after the access key id. */
    public String scope() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }
}
