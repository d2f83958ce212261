package io.linkscope.analysis.risk;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Concentration: HHI, entropy, effective number and bands against hand-computed values")
class ConcentrationTest {
    private final Concentration c = new Concentration(Concentration.Bands.mergerGuidelines2023());

    @Test
    @DisplayName(".8/.1/.1: HHI 6,400 + 100 + 100 = 6,600, effective number 1.515, high; entropy 0.639 nats")
    void eightyTenTen() {
        var d = c.dimension(Map.of("amazon", 80.0, "walmart", 10.0, "ebay", 10.0));
        assertEquals(6_600, d.hhi(), 1e-6);
        assertEquals(1.515, d.effectiveNumber(), 1e-9);
        assertEquals("high", d.band());
        // −(0.8 ln 0.8 + 2 × 0.1 ln 0.1) = 0.178515 + 0.460517
        assertEquals(0.6390, d.entropy(), 1e-4);
        assertEquals(0.8, d.topShare(), 1e-9);
    }

    @Test
    @DisplayName("bands are configurable: the same 6,600 is moderate under a 5,000 / 7,000 policy")
    void configurableBands() {
        var d = new Concentration(new Concentration.Bands(5_000, 7_000)).dimension(Map.of("a", 80.0, "b", 10.0, "c", 10.0));
        assertEquals("moderate", d.band());
    }

    @Test
    @DisplayName("60/30/10: HHI 3,600 + 900 + 100 = 4,600, high; entropy 0.898 nats; effective 2.174")
    void sixtyThirtyTen() {
        var d = c.dimension(Map.of("amazon", 600.0, "walmart", 300.0, "ebay", 100.0));
        assertEquals(4_600, d.hhi(), 1e-6);
        // −(0.6 ln 0.6 + 0.3 ln 0.3 + 0.1 ln 0.1) = 0.30650 + 0.36119 + 0.23026 = 0.89794
        assertEquals(0.8979, d.entropy(), 1e-4);
        assertEquals(10_000 / 4_600.0, d.effectiveNumber(), 1e-3);
        assertEquals(0.6, d.topShare(), 1e-9);
        assertEquals("high", d.band());
        assertEquals("amazon", d.shares().keySet().iterator().next());
    }

    @Test
    @DisplayName("bands: ten equal platforms are unconcentrated (1,000 is the edge: moderate), six are moderate (1,667), five high (2,000)")
    void bands() {
        Map<String, Double> ten = new java.util.HashMap<>();
        for (int i = 0; i < 11; i++) ten.put("p" + i, 1.0);
        assertEquals("unconcentrated", c.dimension(ten).band());
        ten.remove("p10");
        assertEquals("moderate", c.dimension(ten).band(), "HHI exactly 1,000 is moderate");
        Map<String, Double> six = new java.util.HashMap<>();
        for (int i = 0; i < 6; i++) six.put("p" + i, 1.0);
        assertEquals(1_666.7, c.dimension(six).hhi(), 0.1);
        assertEquals("moderate", c.dimension(six).band());
        six.remove("p5");
        assertEquals("high", c.dimension(six).band());
        assertEquals(Math.log(5), c.dimension(six).entropy(), 1e-4);
    }

    @Test
    @DisplayName("no revenue: HHI 0 and band n/a rather than a division by zero")
    void empty() {
        var d = c.dimension(Map.of("amazon", 0.0));
        assertEquals(0, d.hhi());
        assertEquals("n/a", d.band());
    }
}
