package io.linkscope.analysis.risk;

import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;
import io.linkscope.normalize.IdentifierClass;
import io.linkscope.normalize.IdentifierType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Recommender: minimum-cost de-linking, diversification, payment spread, hygiene")
class RecommenderTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private final LinkageEngine engine = new LinkageEngine(LinkageConfig.defaults());
    private final Recommender recommender = new Recommender(Recommender.Config.defaults(), engine, RiskConfig.defaults(),
            new Concentration(Concentration.Bands.mergerGuidelines2023()));

    private static StoreInfo store(String key, String status, double revenue) {
        String[] p = key.split(":");
        return new StoreInfo(key, p[0], p[1], p[2], key, null, status, revenue, null, null);
    }

    private static IdentifierInfo id(String uid, IdentifierType type) {
        return new IdentifierInfo(uid, type, uid + "-masked", false, IdentifierClass.STANDARD, type == IdentifierType.PAYMENT ? "paypal" : null, 0, 0);
    }

    /**
     * A and B share a PayPal account (cost 8). A also reaches B through C: A–ip(1)–C–phone(3)–B.
     * Every path must be cut: {payment} + the cheaper of {ip, phone} = 8 + 1 = 9.
     */
    private static Snapshot portfolio() {
        List<StoreInfo> stores = List.of(store("amazon:US:A", "active", 900_000), store("amazon:US:B", "active", 50_000),
                store("ebay:US:C", "active", 10_000), store("walmart:US:D", "suspended", 0), store("walmart:US:E", "active", 20_000));
        List<IdentifierInfo> ids = List.of(id("pay", IdentifierType.PAYMENT), id("ip", IdentifierType.IP), id("phone", IdentifierType.PHONE),
                id("dev", IdentifierType.DEVICE));
        List<Usage> usages = List.of(new Usage(0, 0, null, null, 1), new Usage(1, 0, null, null, 1),
                new Usage(0, 1, null, null, 1), new Usage(2, 1, null, null, 1),
                new Usage(2, 2, null, null, 1), new Usage(1, 2, null, null, 1),
                new Usage(3, 3, null, null, 1), new Usage(4, 3, null, null, 1));
        return new Snapshot("t", NOW, stores, ids, usages, List.of());
    }

    @Test
    @DisplayName("min cut: the shared payment plus the cheapest identifier on the path through C (cost 9)")
    void minimumCut() {
        Recommender.Cut cut = recommender.minCut(portfolio(), 0, 1);
        assertEquals(9.0, cut.cost(), 1e-9);
        assertEquals(List.of(0, 1), cut.identifiers(), "payment (8) and ip (1), costliest first");
        assertTrue(cut.storeSide().get(0).contains(1), "B gives up the shared payment");
        assertTrue(cut.storeSide().get(1).contains(2), "C gives up the ip it shares with A");
    }

    @Test
    @DisplayName("actions are computed: de-linking lowers expected loss, diversification lowers HHI, hygiene retires the tainted device")
    void actions() {
        Snapshot s = portfolio();
        LinkageResult linkage = engine.analyze(s);
        List<Recommender.Action> actions = recommender.recommend(s, linkage);
        Recommender.Action delink = actions.stream().filter(a -> a.kind().equals("delink")).findFirst().orElseThrow();
        assertTrue(delink.title().startsWith("Give amazon:US:B its own payment instead of the payment pay-masked shared with amazon:US:A"), delink.title());
        assertTrue(delink.deltaExpectedLossUsd() < 0, "separating A and B must lower the expected loss: " + delink.deltaExpectedLossUsd());
        assertEquals(9.0, delink.cost(), 1e-9);

        Recommender.Action diversify = actions.stream().filter(a -> a.kind().equals("diversify")).findFirst().orElseThrow();
        assertTrue(diversify.deltaPlatformHhi() < -1_000, diversify.title());
        assertTrue(diversify.title().contains("from amazon"), diversify.title());
        assertNotEquals(0.0, diversify.deltaExpectedLossUsd(), "the shift is priced with the same loss model");

        Recommender.Action hygiene = actions.stream().filter(a -> a.kind().equals("hygiene")).findFirst().orElseThrow();
        assertEquals(List.of("walmart:US:E"), hygiene.stores());

        Recommender.Action spread = actions.stream().filter(a -> a.kind().equals("payment-spread")).findFirst().orElseThrow();
        assertEquals(List.of("amazon:US:B"), spread.stores(), "the account stays on its largest store");
        // ranked by change in expected loss, most reduction first
        for (int i = 1; i < actions.size(); i++) {
            assertTrue(actions.get(i - 1).deltaExpectedLossUsd() <= actions.get(i).deltaExpectedLossUsd());
        }
    }
}
