package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.iam.simulation.EvaluationResult.Matched;
import dev.mayfly.issuer.iam.simulation.EvaluationResult.ResourceResult;
import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.policy.StatementPositions.Position;
import java.util.Collection;
/** The results of a simulation as IAM's Query protocol writes them (SimulatePolicyResponse). */
final class SimulationXml {

    private SimulationXml() {
    }

    static void write(XmlWriter xml, Pages<EvaluationResult> page) {
        page.write(xml, "EvaluationResults", (out, result) -> {
            out.element("EvalActionName", result.action());
            ResourceResult decision = result.decision();
            out.element("EvalResourceName", decision.resource()).element("EvalDecision", decision.decision());
            details(out, decision);
            if (!result.resources().isEmpty()) {
                out.start("ResourceSpecificResults");
                for (ResourceResult resource : result.resources()) {
                    out.start("member").element("EvalResourceName", resource.resource()).element("EvalResourceDecision", resource.decision());
                    details(out, resource);
                    out.end();
                }
                out.end();
            }
        });
    }

    /** What a result and a resource's result share: matched statements, missing keys, the decision's details. */
    private static void details(XmlWriter xml, ResourceResult result) {
        xml.start("MatchedStatements");
        for (Matched matched : result.matched()) {
            xml.start("member").element("SourcePolicyId", matched.sourceId()).element("SourcePolicyType", matched.sourceType());
            position(xml, "StartPosition", matched.span().start());
            position(xml, "EndPosition", matched.span().end());
            xml.end();
        }
        xml.end();
        strings(xml, "MissingContextValues", result.missing());
        if (result.details() != null) {
            xml.start("EvalDecisionDetails");
            result.details().forEach((key, value) -> xml.start("entry").element("key", key).element("value", value).end());
            xml.end();
        }
        if (result.allowedByBoundary() != null) {
            xml.start("PermissionsBoundaryDecisionDetail").element("AllowedByPermissionsBoundary", result.allowedByBoundary()).end();
        }
    }

    /** {@code <name><member>value</member>...</name>}: the context keys of GetContextKeysFor*Policy too. */
    static void strings(XmlWriter xml, String name, Collection<String> values) {
        xml.start(name);
        values.forEach(value -> xml.start("member").text(value).end());
        xml.end();
    }

    private static void position(XmlWriter xml, String name, Position position) {
        xml.start(name).element("Line", position.line()).element("Column", position.column()).end();
    }
}
