/**
 * IAM Access Analyzer for the roles' trust policies: its REST JSON API ({@link
 * dev.mayfly.issuer.analyzer.AccessAnalyzerEndpoint}, at /analyzer and /finding, signed for access-analyzer), the
 * findings it answers with ({@code Findings}: from the exposures the read model keeps, see {@code
 * dev.mayfly.issuer.query.AnalyzersProjection}, an analyzer's creation, its archive rules and what UpdateFindings set),
 * and a page that shows them ({@link dev.mayfly.issuer.analyzer.FindingsViewEndpoint}). Analyzers are the {@code Analyzer}
 * aggregate's; a trust policy is analyzed once per change of it, as its event reaches the read model, never per call.
 */
package dev.mayfly.issuer.analyzer;
