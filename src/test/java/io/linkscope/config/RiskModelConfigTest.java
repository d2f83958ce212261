package io.linkscope.config;

import io.linkscope.analysis.risk.RecommendConfig;
import io.linkscope.analysis.risk.RiskConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Config of the risk model and the recommender: one field overrides one default; bad values name their path")
class RiskModelConfigTest {

    private static AppConfig load(String json, Map<String, String> env) throws Exception {
        return IntegrationConfigTest.load(json, env);
    }

    private static String error(String json) {
        return assertThrows(ConfigLoader.ConfigException.class, () -> load(json, Map.of())).getMessage();
    }

    @Test
    @DisplayName("defaults are documented values; a file overrides one hazard and one cost and replaces the catalog")
    void overrides() throws Exception {
        AppConfig d = ConfigLoader.load(Map.<String, String>of()::get);
        assertEquals(RiskConfig.defaults(), d.risk());
        assertEquals(RecommendConfig.defaults(), d.recommend());
        AppConfig c = load("""
                {"risk":{"baseHazard":{"amazon":0.2},"trials":5000},
                 "recommend":{"replacementCostUsd":{"ip":300},"maxShift":0.1,
                   "catalog":[{"platform":"walmart","marketplace":"US","categories":["home-garden"],"maxShare":0.08,"setupCostUsd":900}]}}""",
                Map.of("LINKSCOPE_RISK_SEED", "7"));
        assertEquals(0.2, c.risk().baseHazard().get("amazon"));
        assertEquals(0.05, c.risk().baseHazard().get("ebay"), "other hazards keep their defaults");
        assertEquals(5000, c.risk().trials());
        assertEquals(7, c.risk().seed());
        assertEquals(300.0, c.recommend().replacementCostUsd().get("ip"));
        assertEquals(3_000.0, c.recommend().replacementCostUsd().get("legal_entity"));
        assertEquals(0.1, c.recommend().maxShift());
        assertEquals(1, c.recommend().catalog().size());
        assertEquals(900, c.recommend().catalog().get(0).setupCostUsd());
    }

    @Test
    @DisplayName("bad planning assumptions stop start-up with the path and the rule")
    void errors() {
        assertTrue(error("{\"risk\":{\"baseHazard\":{\"amazon\":1.5}}}").contains("risk.baseHazard.amazon must be a probability"));
        assertTrue(error("{\"risk\":{\"levelMultiplier\":{\"severe\":2}}}").contains("risk.levelMultiplier.severe is not a risk level"));
        assertTrue(error("{\"risk\":{\"trials\":10}}").contains("risk.trials"));
        assertTrue(error("{\"recommend\":{\"replacementCostUsd\":{\"ipp\":5}}}").contains("recommend.replacementCostUsd.ipp is not an identifier type"));
        assertTrue(error("{\"recommend\":{\"replacementCostUsd\":{\"ip\":0}}}").contains("recommend.replacementCostUsd.ip must be a cost"));
        assertTrue(error("{\"recommend\":{\"maxShift\":0}}").contains("recommend.maxShift must be a share"));
        assertTrue(error("{\"recommend\":{\"paymentProviders\":[\"venmo\"]}}").contains("unknown provider 'venmo'"));
        assertTrue(error("""
                {"recommend":{"catalog":[{"platform":"walmart","marketplace":"usa","maxShare":0.1,"setupCostUsd":1}]}}""")
                .contains("recommend.catalog[0].marketplace"));
        assertTrue(error("""
                {"recommend":{"catalog":[{"platform":"walmart","marketplace":"US","maxShare":0.1,"setupCostUsd":1},
                  {"platform":"walmart","marketplace":"US","maxShare":0.2,"setupCostUsd":1}]}}""").contains("recommend.catalog[1] lists walmart:US a second time"));
        assertTrue(error("""
                {"recommend":{"catalog":[{"platform":"walmart","marketplace":"US","categories":["Home Garden"],"maxShare":0.1,"setupCostUsd":1}]}}""")
                .contains("recommend.catalog[0].categories"));
    }
}
