package dev.mayfly.audit.protocol;

import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.authz.JsonProtocolCodes;

/** An error of the JSON 1.1 protocol: answered as {"__type": code, "message": ...}. */
public final class JsonProtocolException extends AwsServiceException {

    public JsonProtocolException(String code, String message) {
        super(code, message, 400);
    }

    public JsonProtocolException(String code, String message, int status) {
        super(code, message, status);
    }

    /** The issuer's Query-protocol auth errors, as the JSON protocol names them. */
    static JsonProtocolException fromIssuer(String code, String message, int status) {
        return new JsonProtocolException(JsonProtocolCodes.fromQueryProtocol(code), message, status >= 500 ? status : 400);
    }
}
