package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.sts.SessionIssuer.SessionCredentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every AssumeRole* action answers: the credentials, the assumed-role user, PackedPolicySize and SourceIdentity,
 * and what the action adds (SubjectFromWebIdentityToken, Provider, Audience...). The record keeps all of it but the
 * secret and the token.
 */
final class AssumedRoleResult {

    private AssumedRoleResult() {
    }

    /** @param extra more result elements, by their XML names, in order */
    static ActionResult of(RoleView role, SessionCredentials credentials, Integer packedPolicySize, Map<String, String> extra) {
        var claims = credentials.claims();
        Map<String, Object> credentialsRecord = new LinkedHashMap<>();
        credentialsRecord.put("accessKeyId", claims.accessKeyId());
        credentialsRecord.put("expiration", claims.expiration().toString());
        Map<String, Object> responseElements = new LinkedHashMap<>();
        responseElements.put("credentials", credentialsRecord);
        responseElements.put("assumedRoleUser", Map.of("assumedRoleId", claims.principalId(), "arn", claims.principalArn()));
        if (claims.sourceIdentity() != null) {
            responseElements.put("sourceIdentity", claims.sourceIdentity());
        }
        if (packedPolicySize != null) {
            responseElements.put("packedPolicySize", packedPolicySize);
        }
        extra.forEach((name, value) -> responseElements.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), value));
        return new ActionResult(xml -> {
            xml.start("Credentials").element("AccessKeyId", claims.accessKeyId())
                    .element("SecretAccessKey", claims.secretAccessKey()).element("SessionToken", credentials.sessionToken())
                    .element("Expiration", claims.expiration()).end();
            xml.start("AssumedRoleUser").element("AssumedRoleId", claims.principalId()).element("Arn", claims.principalArn()).end();
            xml.element("PackedPolicySize", packedPolicySize);
            xml.element("SourceIdentity", claims.sourceIdentity());
            extra.forEach(xml::element);
        }, responseElements, List.of(role.resource()));
    }
}
