package com.forexdiffusion.forecast.metrics;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.SampleStatistics;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoringRulesTest {
    @Test
    void crpsOfAPointMassIsTheAbsoluteError() {
        assertThat(ScoringRules.crps(new double[]{1.5}, 1.2)).isCloseTo(0.3, within(1e-12));
        assertThat(ScoringRules.crps(new double[]{2, 2, 2}, 5)).isCloseTo(3, within(1e-12));
    }

    @Test
    void crpsOfTwoSamplesByHand() {
        // {0, 2} at y = 1: E|X − y| = 1, ½E|X − X'| = ½ · (0 + 2 + 2 + 0)/4 = 0.5, so CRPS = 0.5. The integral
        // form agrees: ∫₀¹ 0.5² dx + ∫₁² (0.5 − 1)² dx = 0.25 + 0.25.
        assertThat(ScoringRules.crps(new double[]{2, 0}, 1)).isCloseTo(0.5, within(1e-12));
        // At y = 3: E|X − y| = 2, minus 0.5.
        assertThat(ScoringRules.crps(new double[]{0, 2}, 3)).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void crpsMatchesTheIntegralFormOnRandomSamples() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            double[] s = new double[1 + r.nextInt(30)];
            for (int i = 0; i < s.length; i++) {
                s[i] = r.nextGaussian();
            }
            double y = r.nextGaussian();
            assertThat(ScoringRules.crps(s, y)).isCloseTo(integralCrps(s, y), within(1e-9));
        }
    }

    @Test
    void normalCrpsByHandAndAsTheLimitOfTheSampleForm() {
        // σ [z (2Φ(z) − 1) + 2φ(z) − 1/√π]: at z = 0, 2/√(2π) − 1/√π = 0.2336950; at z = 1, 0.6826895 + 0.4839414 −
        // 0.5641896 = 0.6024414; at z = −2.5, 2.5 · 0.9875807 + 0.0350566 − 0.5641896 = 1.9398187.
        assertThat(ScoringRules.crpsNormal(1.1, 0.002, 1.1)).isCloseTo(0.002 * 0.2336950, within(1e-10));
        assertThat(ScoringRules.crpsNormal(0, 1, 1)).isCloseTo(0.6024414, within(1e-7));
        assertThat(ScoringRules.crpsNormal(10, 2, 5)).isCloseTo(2 * 1.9398187, within(2e-7));
        assertThat(ScoringRules.crpsNormal(1.02, 0, 1.01)).isCloseTo(0.01, within(1e-15));
        // The sample form on 20 000 quantiles of the same normal (midpoints of equal-probability bins) agrees.
        int n = 20_000;
        double[] q = new double[n];
        for (int k = 0; k < n; k++) {
            q[k] = 3 + 0.5 * Math.sqrt(2) * org.hipparchus.special.Erf.erfInv(2 * ((k + 0.5) / n) - 1);
        }
        for (double y : new double[]{3, 2.1, 4.4}) {
            assertThat(ScoringRules.crpsNormal(3, 0.5, y)).isCloseTo(ScoringRules.crps(q, y), within(1e-5));
        }
    }

    /** ∫ (F(x) − 1{x ≥ y})² dx for the empirical F, integrated exactly between breakpoints. */
    static double integralCrps(double[] s, double y) {
        double[] pts = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(s),
                java.util.stream.DoubleStream.of(y)).sorted().toArray();
        double total = 0;
        for (int k = 0; k + 1 < pts.length; k++) {
            double mid = (pts[k] + pts[k + 1]) / 2;
            double f = java.util.Arrays.stream(s).filter(v -> v <= mid).count() / (double) s.length;
            double h = mid >= y ? 1 : 0;
            total += (f - h) * (f - h) * (pts[k + 1] - pts[k]);
        }
        return total;
    }

    @Test
    void pinballByHand() {
        assertThat(ScoringRules.pinball(1, 0.9, 3)).isCloseTo(1.8, within(1e-12));
        assertThat(ScoringRules.pinball(1, 0.9, 0)).isCloseTo(0.1, within(1e-12));
        assertThat(ScoringRules.pinball(1, 0.5, 0)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void pitAndCoverageByHand() {
        double[] s = {1, 2, 3, 4};
        assertThat(ScoringRules.pit(s, 2.5)).isEqualTo(0.5);
        assertThat(ScoringRules.pit(s, 2)).isEqualTo(0.375);
        assertThat(ScoringRules.pit(s, 0)).isZero();
        assertThat(ScoringRules.pit(s, 9)).isEqualTo(1);
        assertThat(ScoringRules.covered(1, 2, 2)).isTrue();
        assertThat(ScoringRules.covered(1, 2, 2.0001)).isFalse();
    }

    @Test
    void pitHistogramAndItsChiSquareByHand() {
        double[] flat = new double[20];
        for (int i = 0; i < 20; i++) {
            flat[i] = (i + 0.5) / 20;
        }
        PitHistogram h = PitHistogram.of(flat, 10);
        assertThat(h.counts()).containsOnly(2L);
        assertThat(h.chiSquare()).isZero();
        assertThat(h.pValue()).isCloseTo(1, within(1e-12));
        double[] lumped = new double[10];
        java.util.Arrays.fill(lumped, 0.55);
        PitHistogram bad = PitHistogram.of(lumped, 10);
        // Expected 1 per bin: (10 − 1)² + 9 · (0 − 1)² = 90.
        assertThat(bad.chiSquare()).isEqualTo(90);
        assertThat(bad.pValue()).isLessThan(1e-10);
        assertThat(PitHistogram.of(new double[]{1.0}, 10).counts()[9]).isEqualTo(1);
    }

    @Test
    void wilsonIntervalOfEightOfTen() {
        DirectionalAccuracy d = DirectionalAccuracy.of(8, 10);
        assertThat(d.accuracy()).isEqualTo(0.8);
        assertThat(d.lower95()).isCloseTo(0.4902, within(1e-4));
        assertThat(d.upper95()).isCloseTo(0.9433, within(1e-4));
    }

    @Test
    void horizonMetricsAccumulateByHand() {
        HorizonMetrics m = new HorizonMetrics(new Horizon(15));
        // Forecast 1: samples {0.9, 1.1} around 1.0 (mean 1.0), actual 1.2: uncovered, no direction predicted.
        HorizonForecast f1 = SampleStatistics.fromPrices(new Horizon(15), 0, new double[]{0.9, 1.1}, new double[0], true);
        m.add(f1, 1.0, 1.2);
        // Forecast 2: samples {1.1, 1.3} (mean 1.2), actual 1.15 from 1.0: covered, direction right.
        HorizonForecast f2 = SampleStatistics.fromPrices(new Horizon(15), 0, new double[]{1.1, 1.3}, new double[0], true);
        m.add(f2, 1.0, 1.15);
        HorizonMetrics.Summary s = m.summary();
        assertThat(s.n()).isEqualTo(2);
        assertThat(s.msePrice()).isCloseTo((0.04 + 0.0025) / 2, within(1e-12));
        assertThat(s.maePrice()).isCloseTo((0.2 + 0.05) / 2, within(1e-12));
        double r1 = Math.log(1.2);
        double r2 = Math.log(1.2) - Math.log(1.15);
        assertThat(s.mseReturn()).isCloseTo((r1 * r1 + r2 * r2) / 2, within(1e-12));
        assertThat(s.coverage90()).isEqualTo(0.5);
        // CRPS 1: E|X − 1.2| = (0.3 + 0.1)/2 = 0.2, minus ¼ · 0.2 = 0.05 -> 0.15.
        // CRPS 2: E|X − 1.15| = (0.05 + 0.15)/2 = 0.1, minus 0.05 -> 0.05.
        assertThat(s.crps()).isCloseTo(0.1, within(1e-12));
        // Forecast 1 predicts no move (mean = last close): no call, left out; forecast 2 is a hit.
        assertThat(s.directional().n()).isEqualTo(1);
        assertThat(s.directional().hits()).isEqualTo(1);
        assertThat(s.pinball()).containsKeys(0.05, 0.5, 0.95);
    }
}
