package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.runtime.AwsServiceException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * IAM's order for actions on an existing user or role: authorize first (against the resource's ARN, or the
 * ARN it would have), and only then say that it does not exist, so that a caller without permission
 * learns nothing about which names exist.
 */
final class ExistingResource {

    private ExistingResource() {
    }

    static <V> V authorize(Authorizer authorizer, ActionContext context, String action, Optional<V> resource,
                           Function<V, String> arn, String arnIfMissing, Supplier<AwsServiceException> missing) {
        authorizer.authorize(context.caller(), action, resource.map(arn).orElse(arnIfMissing), context.conditionKeys());
        return resource.orElseThrow(missing);
    }
}
