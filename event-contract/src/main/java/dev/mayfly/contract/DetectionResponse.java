package dev.mayfly.contract;

import java.time.Instant;

/**
 * A detection's automatic response, the value on {@link Topics#DETECTIONS} (key: the account id): a rule the revocation
 * service makes in the finding's account, as if the account had asked for it, with the finding as its reason. Every
 * field is checked again where the rule is made: the target must name a principal of {@code accountId}.
 *
 * @param findingId the finding that asks for it; the rule's reason names it
 * @param ruleId    derived from the finding, so that a response delivered twice makes one rule
 * @param accountId the finding's account, the only one the rule may touch
 * @param detection the detection that found it (FailedAssumeRoleBursts, ...)
 * @param kind      Revoke or Quarantine, as the revocation API spells them
 * @param scope     Principal or Role
 * @param target    the principal's or the role's ARN
 * @param until     for a quarantine, its end; else null (a revocation refuses the sessions issued before {@code at})
 * @param at        when the finding was made
 */
public record DetectionResponse(String findingId, String ruleId, String accountId, String detection, String kind, String scope,
                                String target, Instant until, Instant at) {
}
