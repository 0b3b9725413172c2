package dev.mayfly.issuer.protocol;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an action answers.
 *
 * @param body             writes the content of the {Action}Result element; null when the action has none
 * @param responseElements what the audit record shows of the response: never a secret
 * @param resources        the resources the call touched, for the audit record
 * @param verifiedCaller   for a call without credentials (web identity, SAML), who the verified token or assertion
 *                         says the caller is; null when the credentials said it
 */
public record ActionResult(Consumer<XmlWriter> body, Map<String, Object> responseElements, List<Resource> resources,
                           UserIdentity verifiedCaller) {

    public ActionResult(Consumer<XmlWriter> body, Map<String, Object> responseElements, List<Resource> resources) {
        this(body, responseElements, resources, null);
    }

    /** This result, with the caller a token or an assertion proved. */
    public ActionResult verifiedAs(UserIdentity caller) {
        return new ActionResult(body, responseElements, resources, caller);
    }

    /** An action that answers nothing but its request id (PutUserPolicy, for example). */
    public static ActionResult empty(List<Resource> resources) {
        return new ActionResult(null, null, resources);
    }
}
