package com.forexdiffusion.trading.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PerformanceMetricsTest {
    /**
     * Equity 100, 110, 99, 121 over 3 days: daily returns 0.10, −0.10, 0.2222…; mean 0.074074; sample std
     * 0.162668; downside deviation sqrt(0.01 / 3) = 0.057735; max drawdown (110 − 99) / 110 = 0.1.
     */
    @Test
    void figuresOfASmallEquityCurveByHand() {
        PerformanceMetrics m = PerformanceMetrics.of(new double[]{100, 110, 99, 121}, 365.25, List.of(30.0, -10.0, 5.0, -5.0));
        assertThat(m.totalReturn()).isCloseTo(0.21, within(1e-12));
        assertThat(m.cagr()).isCloseTo(0.21, within(1e-12));
        double mean = (0.1 - 0.1 + 22.0 / 99) / 3;
        double std = Math.sqrt((Math.pow(0.1 - mean, 2) + Math.pow(-0.1 - mean, 2) + Math.pow(22.0 / 99 - mean, 2)) / 2);
        assertThat(mean).isCloseTo(0.074074, within(1e-6));
        assertThat(std).isCloseTo(0.162668, within(1e-6));
        assertThat(m.sharpe()).isCloseTo(0.074074 / 0.162668 * Math.sqrt(252), within(1e-4));
        assertThat(m.sortino()).isCloseTo(0.074074 / 0.057735 * Math.sqrt(252), within(1e-3));
        assertThat(m.maxDrawdown()).isCloseTo(0.1, within(1e-12));
        assertThat(m.calmar()).isCloseTo(2.1, within(1e-9));
        // Gains 35, losses 15: profit factor 7/3, win rate 2/4, expectancy 20/4.
        assertThat(m.profitFactor()).isCloseTo(35.0 / 15, within(1e-12));
        assertThat(m.winRate()).isEqualTo(0.5);
        assertThat(m.expectancy()).isEqualTo(5);
        assertThat(m.trades()).isEqualTo(4);
    }

    @Test
    void cagrCompoundsOverTheCalendar() {
        // 21% over two years: (1.21)^(1/2) − 1 = 10%.
        PerformanceMetrics m = PerformanceMetrics.of(new double[]{100, 121}, 730.5, List.of());
        assertThat(m.cagr()).isCloseTo(0.10, within(1e-12));
        assertThat(m.profitFactor()).isNaN();
        assertThat(m.winRate()).isNaN();
    }

    @Test
    void drawdownInsideADayCountsFromBarEquity() {
        // Days end at 100, 110, 121: no drawdown by day; inside the second day equity fell from 110 to 88 (20 %).
        PerformanceMetrics daily = PerformanceMetrics.of(new double[]{100, 110, 121}, 2, java.util.List.of());
        assertThat(daily.maxDrawdown()).isEqualTo(0.0);
        PerformanceMetrics bars = daily.withBarDrawdown(new double[]{100, 110, 99, 88, 105, 121}, 6);
        assertThat(bars.maxDrawdown()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
    }
}
