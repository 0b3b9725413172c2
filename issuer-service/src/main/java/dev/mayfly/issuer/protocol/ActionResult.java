package dev.mayfly.issuer.protocol;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an action answers.
 *
 * @param body             writes the content of the {Action}Result element; null when the action has none
 * @param responseElements what the audit record shows of the response: never a secret
 * @param resources        the resources the call touched, for the audit record
 */
public record ActionResult(Consumer<XmlWriter> body, Map<String, Object> responseElements, List<Resource> resources) {

    /** An action that answers nothing but its request id (PutUserPolicy, for example). */
    public static ActionResult empty(List<Resource> resources) {
        return new ActionResult(null, null, resources);
    }
}
