package com.forexdiffusion.trading.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BacktestReportTest {
    @Test
    void monthlyReturnsChainFromTheLastCloseOfTheMonthBefore() {
        List<LocalDate> days = List.of(LocalDate.of(2024, 1, 30), LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 1),
                LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1));
        double[] eq = {100, 110, 99, 121, 121};
        Map<String, Double> m = BacktestReport.monthly(days, eq);
        // January from the first value 100 to 110; February from January's close 110 to 121; March flat.
        assertThat(m.get("2024-01")).isCloseTo(0.10, within(1e-12));
        assertThat(m.get("2024-02")).isCloseTo(0.10, within(1e-12));
        assertThat(m.get("2024-03")).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void exposureAndRegimeBreakdownByHand() {
        com.forexdiffusion.trading.engine.TradeRecord a = new com.forexdiffusion.trading.engine.TradeRecord("p1", "EURUSD",
                com.forexdiffusion.trading.broker.Side.BUY, 1, 0, 1.1, 25, 1.2, "target", 100, 0, 7, 93, "s", 0.1, 0.7,
                "TRENDING_UP", 0);
        com.forexdiffusion.trading.engine.TradeRecord b = new com.forexdiffusion.trading.engine.TradeRecord("p2", "EURUSD",
                com.forexdiffusion.trading.broker.Side.SELL, 1, 50, 1.2, 75, 1.25, "stop", -50, 0, 7, -57, "s", 0.1, 0.7,
                "TRENDING_UP", 0);
        // Held 25 + 25 of 100 time units.
        assertThat(BacktestReport.exposure(List.of(a, b), 0, 100)).isEqualTo(0.5);
        BacktestReport.RegimeStats s = BacktestReport.byRegime(List.of(a, b)).get("TRENDING_UP");
        assertThat(s.trades()).isEqualTo(2);
        assertThat(s.wins()).isEqualTo(1);
        assertThat(s.netPnl()).isEqualTo(36);
    }
}
