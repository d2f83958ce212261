package io.linkscope.analysis;

import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.analysis.risk.RecommendConfig;
import io.linkscope.analysis.risk.RiskConfig;

/**
 * Every setting the engines run with, in one value: what the analysis used is what the report's method section
 * states.
 */
public record AnalysisSettings(LinkageConfig linkage, Concentration.Bands bands, RiskConfig risk, RecommendConfig recommend) {

    public static AnalysisSettings defaults() {
        return new AnalysisSettings(LinkageConfig.defaults(), Concentration.Bands.mergerGuidelines2023(), RiskConfig.defaults(),
                RecommendConfig.defaults());
    }
}
