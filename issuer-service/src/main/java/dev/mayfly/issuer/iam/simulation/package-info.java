/**
 * IAM's policy simulator: SimulatePrincipalPolicy and SimulateCustomPolicy (and the context keys their policies read,
 * GetContextKeysForPrincipalPolicy and GetContextKeysForCustomPolicy). A simulation is decided by the same
 * {@link dev.mayfly.policy.decision.AccessDecision} that decides real requests, over the policies the simulation names,
 * so that the simulator cannot disagree with enforcement; what it adds is only the telling: which statements matched,
 * where they are written, which context keys were missing, what the permissions boundary said.
 *
 * <p>Each action is a converter of its request ({@link dev.mayfly.issuer.iam.simulation.SimulationRequest}) into a
 * {@link dev.mayfly.issuer.iam.simulation.Scenario}, which the {@link dev.mayfly.issuer.iam.simulation.PolicySimulator}
 * decides. Owns: simulation. Must not touch: the decision's logic (policy-language), state (it changes nothing).
 */
package dev.mayfly.issuer.iam.simulation;
