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
}
