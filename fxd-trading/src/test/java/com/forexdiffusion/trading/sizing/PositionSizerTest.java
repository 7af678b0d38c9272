package com.forexdiffusion.trading.sizing;

import com.forexdiffusion.trading.regime.Regime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PositionSizerTest {
    static SizingRequest req(double u, Regime regime, double equity, double peak, double openRisk, List<Double> pnls) {
        // EURUSD 1.1000 with a stop at 1.0950: 50 pips, $500 per lot at stop.
        return new SizingRequest(1.1000, 1.0950, u, regime, equity, peak, 100_000, 1.0, openRisk, pnls, 0.1, 0.1);
    }

    @Test
    void fixedFractionalByHand() {
        // 1% of 100 000 = 1 000 at risk; 1 000 / 500 = 2 lots; regime ranging x0.7 -> 1.4; u = 0.1% of T = 0.5%
        // -> x0.8 -> 1.12 lots.
        SizingDecision d = new PositionSizer(SizingConfig.defaults()).size(req(0.1, Regime.RANGING, 100_000, 100_000, 0,
                List.of()));
        assertThat(d.rejected()).isFalse();
        assertThat(d.lots()).isEqualTo(1.12);
        assertThat(d.riskAmount()).isCloseTo(560, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.steps()).anyMatch(s -> s.contains("regime RANGING x0.70"));
    }

    @Test
    void uncertaintyAtTheThresholdIsRejected() {
        PositionSizer sizer = new PositionSizer(SizingConfig.defaults());
        assertThat(sizer.size(req(0.5, Regime.TRENDING_UP, 100_000, 100_000, 0, List.of())).rejected()).isTrue();
        assertThat(sizer.size(req(0.5, Regime.TRENDING_UP, 100_000, 100_000, 0, List.of())).reason())
                .contains("uncertainty");
        // Just below: 2 lots x1.2 x (1 − 0.49/0.5) = 0.048 -> 0.04 lots.
        assertThat(sizer.size(req(0.49, Regime.TRENDING_UP, 100_000, 100_000, 0, List.of())).lots()).isEqualTo(0.04);
    }

    @Test
    void drawdownHalvesAndLimitsCap() {
        PositionSizer sizer = new PositionSizer(SizingConfig.defaults());
        // Drawdown 12% > 10%: 1% of 88 000 = 880 x1.0 (trending down) x0.8 (u 0.1) x0.5 = 352 -> 0.704 -> 0.70 lots.
        assertThat(sizer.size(req(0.1, Regime.TRENDING_DOWN, 88_000, 100_000, 0, List.of())).lots()).isEqualTo(0.70);
        // Total risk: 20% of 100 000 = 20 000, 19 800 already open: room 200 -> 0.4 lots.
        SizingDecision capped = sizer.size(req(0.0, Regime.TRENDING_DOWN, 100_000, 100_000, 19_800, List.of()));
        assertThat(capped.lots()).isEqualTo(0.40);
        assertThat(sizer.size(req(0.0, Regime.TRENDING_DOWN, 100_000, 100_000, 20_000, List.of())).rejected()).isTrue();
    }

    @Test
    void kellyFromTheTradeHistoryAfterThirtyTrades() {
        PositionSizer sizer = new PositionSizer(SizingConfig.defaults().withMethod(SizingMethod.KELLY));
        List<Double> few = new ArrayList<>(List.of(100.0, -50.0));
        // Fewer than 30 trades: fixed fractional, 2 lots x1.0 x1.0 (u = 0).
        assertThat(sizer.size(req(0.0, Regime.TRENDING_DOWN, 100_000, 100_000, 0, few)).lots()).isEqualTo(2.0);
        // 40 trades, 24 wins of 100 and 16 losses of 50: W = 0.6, payoff 2, f* = 0.6 − 0.4/2 = 0.4; x0.25 = 10%,
        // capped at the 5% per-position limit -> 5 000 / 500 = 10 lots.
        List<Double> many = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            many.add(100.0);
        }
        for (int i = 0; i < 16; i++) {
            many.add(-50.0);
        }
        SizingDecision d = sizer.size(req(0.0, Regime.TRENDING_DOWN, 100_000, 100_000, 0, many));
        assertThat(d.lots()).isEqualTo(10.0);
        assertThat(d.steps()).anyMatch(s -> s.contains("f*=0.4000"));
    }

    @Test
    void tinyPositionsAndBadStopsAreRejected() {
        PositionSizer sizer = new PositionSizer(SizingConfig.defaults());
        assertThat(sizer.size(req(0.1, Regime.VOLATILE, 100, 100, 0, List.of())).reason()).contains("lot step");
        SizingRequest noStop = new SizingRequest(1.1, 1.1, 0.1, null, 100_000, 100_000, 100_000, 1, 0, List.of(), 0, 0);
        assertThat(sizer.size(noStop).reason()).contains("stop equals entry");
    }
}
