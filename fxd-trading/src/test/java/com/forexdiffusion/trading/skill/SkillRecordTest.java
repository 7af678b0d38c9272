package com.forexdiffusion.trading.skill;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.metrics.DirectionalAccuracy;
import org.junit.jupiter.api.Test;

import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The gate's arithmetic against hand values: Wilson's bound, the CRPS ratio, the window and when outcomes count. */
class SkillRecordTest {
    static final Horizon H = new Horizon(15);

    static HorizonForecast f(long target, double mean, double std) {
        TreeMap<Double, Double> q = new TreeMap<>();
        q.put(0.05, mean - 1.645 * std);
        q.put(0.5, mean);
        q.put(0.95, mean + 1.645 * std);
        return new HorizonForecast(H, target, mean, std, q, null);
    }

    @Test
    void wilsonLowerBoundMatchesTheHandValue() {
        // 60 of 100 at 95%: p = 0.6, z = 1.959964, z² = 3.841459:
        // (0.6 + 0.019207 − 1.959964·√(0.0024 + 0.0000960)) / 1.038415 = (0.619207 − 0.097925) / 1.038415 = 0.50200.
        assertThat(WilsonBound.z(0.95)).isCloseTo(1.959964, within(1e-6));
        assertThat(WilsonBound.lower(60, 100, 0.95)).isCloseTo(0.50200, within(5e-5));
        // 9 of 10 at 95%: (0.9 + 0.192073 − 1.959964·√(0.009 + 0.009604)) / 1.384146 = 0.59585.
        assertThat(WilsonBound.lower(9, 10, 0.95)).isCloseTo(0.59585, within(5e-5));
        assertThat(WilsonBound.lower(0, 10, 0.95)).isZero();
        assertThat(WilsonBound.lower(0, 0, 0.95)).isNaN();
        // The evaluation's DirectionalAccuracy (its own code) reports the same bound at 95%.
        for (long[] hn : new long[][]{{60, 100}, {273, 500}, {1, 3}, {999, 1000}}) {
            assertThat(WilsonBound.lower(hn[0], hn[1], 0.95)).isCloseTo(DirectionalAccuracy.of(hn[0], hn[1]).lower95(),
                    within(1e-12));
        }
        // A higher confidence is more cautious: z = 2.575829 at 99%.
        assertThat(WilsonBound.lower(60, 100, 0.99)).isLessThan(WilsonBound.lower(60, 100, 0.95));
        assertThat(WilsonBound.z(0.99)).isCloseTo(2.575829, within(1e-6));
    }

    @Test
    void theRatioIsMeanModelCrpsOverMeanRandomWalkCrpsOverTheWindow() {
        SkillRecord r = new SkillRecord(2);
        // Point forecasts (σ = 0) from a last close of 1.00, so CRPS = |mean − outcome|; the random walk says 1.00.
        r.add(f(1, 1.02, 0), f(1, 1.00, 0), 1.00);
        r.add(f(2, 1.01, 0), f(2, 1.00, 0), 1.00);
        r.add(f(3, 0.99, 0), f(3, 1.00, 0), 1.00);
        r.onBarClose(1, 1.01);
        // model |1.02 − 1.01| = 0.01, random walk 0.01; a hit (up, up).
        assertThat(r.crpsRatio()).isCloseTo(1.0, within(1e-9));
        r.onBarClose(2, 1.03);
        // model 0.02, random walk 0.03: (0.01 + 0.02) / (0.01 + 0.03) = 0.75; two hits of two calls.
        assertThat(r.crpsRatio()).isCloseTo(0.75, within(1e-9));
        assertThat(r.calls()).isEqualTo(2);
        assertThat(r.hits()).isEqualTo(2);
        r.onBarClose(3, 1.04);
        // Window of 2: the first drops out. model 0.02 + 0.05, random walk 0.03 + 0.04: 0.07 / 0.07 = 1; a miss.
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.resolved()).isEqualTo(3);
        assertThat(r.crpsRatio()).isCloseTo(1.0, within(1e-9));
        assertThat(r.calls()).isEqualTo(2);
        assertThat(r.hits()).isEqualTo(1);
    }

    @Test
    void aForecastCountsOnlyOnceItsTargetBarHasClosedAndAGapDropsIt() {
        SkillRecord r = new SkillRecord(10);
        r.add(f(100, 1.01, 0), f(100, 1.00, 0), 1.00);
        r.add(f(200, 1.01, 0), f(200, 1.00, 0), 1.00);
        r.onBarClose(99, 1.5);
        assertThat(r.size()).as("bars before the target resolve nothing").isZero();
        r.onBarClose(100, 1.02);
        assertThat(r.size()).isEqualTo(1);
        // The bar labelled 200 never comes (a gap): the next bar after it drops that forecast unscored.
        r.onBarClose(210, 0.5);
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.state().pending()).isEmpty();
        // No call: a forecast of no move, and a price that closed where it was.
        r.add(f(300, 1.00, 0.01), f(300, 1.00, 0.01), 1.00);
        r.add(f(400, 1.01, 0.01), f(400, 1.00, 0.01), 1.00);
        r.onBarClose(300, 1.2);
        r.onBarClose(400, 1.00);
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.calls()).isEqualTo(1);
    }
}
