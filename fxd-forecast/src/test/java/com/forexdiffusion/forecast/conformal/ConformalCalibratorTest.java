package com.forexdiffusion.forecast.conformal;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.SampleStatistics;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConformalCalibratorTest {
    static final Horizon H = new Horizon(15);

    /** A forecast centred on 0 with a (mis-stated) normal 90% interval of half width 1.645 · s. */
    static HorizonForecast forecast(double s) {
        TreeMap<Double, Double> q = new TreeMap<>();
        q.put(0.05, -1.6448536 * s);
        q.put(0.5, 0.0);
        q.put(0.95, 1.6448536 * s);
        return new HorizonForecast(H, 0, 0, s, q, null);
    }

    @Test
    void marginAndQuantileByHand() {
        // Scores of outcomes 2, −0.5, 3 against [−1, 1]: 1, −0.5, 2. With n = 3 and α = 0.5 the rank is
        // ⌈4 · 0.5⌉ = 2: the margin is the second smallest score, 1.
        TreeMap<Double, Double> q = new TreeMap<>();
        q.put(0.05, -1.0);
        q.put(0.5, 0.0);
        q.put(0.95, 1.0);
        HorizonForecast f = new HorizonForecast(H, 0, 0.1, 0.6, q, new double[]{-1, 0.5});
        ConformalCalibrator c = new ConformalCalibrator(ConformalCalibrator.Mode.SPLIT, 0.5, 0, 100);
        for (double y : new double[]{2, -0.5, 3}) {
            c.calibrate(f, y);
        }
        HorizonForecast adj = c.adjust(f);
        assertThat(adj.q05()).isCloseTo(-2, within(1e-12));
        assertThat(adj.q95()).isCloseTo(2, within(1e-12));
        // Width doubled: σ and samples stretched around the median by 2, the mean kept.
        assertThat(adj.std()).isCloseTo(1.2, within(1e-12));
        assertThat(adj.samples()).containsExactly(-2, 1);
        assertThat(adj.mean()).isEqualTo(0.1);
        // Too few scores for the level: the largest score is used.
        assertThat(IntervalAdjustment.conformalQuantile(new double[]{1, 2}, 0.1)).isInfinite();
    }

    @Test
    void aPointForecastGetsThePointPlusMinusTheMargin() {
        // A deterministic model: every quantile 1.0. Scores of outcomes 1.3, 0.9, 0.5: 0.3, 0.1, 0.5; with α = 0.5
        // the margin is the second smallest, 0.3, so the interval is [0.7, 1.3].
        TreeMap<Double, Double> q = new TreeMap<>();
        q.put(0.05, 1.0);
        q.put(0.25, 1.0);
        q.put(0.5, 1.0);
        q.put(0.95, 1.0);
        HorizonForecast f = new HorizonForecast(H, 0, 1.0, 0.0, q, new double[]{1, 1});
        ConformalCalibrator c = new ConformalCalibrator(ConformalCalibrator.Mode.SPLIT, 0.5, 0, 100);
        for (double y : new double[]{1.3, 0.9, 0.5}) {
            c.calibrate(f, y);
        }
        HorizonForecast adj = c.adjust(f);
        assertThat(adj.q05()).isCloseTo(0.7, within(1e-12));
        assertThat(adj.q95()).isCloseTo(1.3, within(1e-12));
        assertThat(adj.q50()).isEqualTo(1.0);
        // A normal with that 90% interval: σ = 0.3 / 1.6449 = 0.18239, q25 = 1 − 0.67449 σ = 0.87698.
        assertThat(adj.std()).isCloseTo(0.18239, within(1e-5));
        assertThat(adj.quantile(0.25)).isCloseTo(0.87698, within(1e-5));
        assertThat(adj.samples()).containsExactly(1, 1);
    }

    @Test
    void splitConformalCoversWithinTwoPercentOfNominalOnExchangeableData() {
        // The forecaster claims σ = 1 but the truth has σ = 1.5: raw coverage is about 73%.
        SplittableRandom rnd = new SplittableRandom(1);
        int draws = 300;
        double total = 0;
        double raw = 0;
        for (int k = 0; k < draws; k++) {
            ConformalCalibrator c = new ConformalCalibrator(ConformalCalibrator.Mode.SPLIT, 0.1, 0, 10_000);
            for (int i = 0; i < 500; i++) {
                c.calibrate(forecast(1), 1.5 * rnd.nextGaussian());
            }
            HorizonForecast adj = c.adjust(forecast(1));
            int hits = 0;
            int rawHits = 0;
            for (int i = 0; i < 500; i++) {
                double y = 1.5 * rnd.nextGaussian();
                hits += y >= adj.q05() && y <= adj.q95() ? 1 : 0;
                rawHits += Math.abs(y) <= 1.6448536 ? 1 : 0;
            }
            total += hits / 500.0;
            raw += rawHits / 500.0;
        }
        assertThat(raw / draws).isCloseTo(0.727, within(0.02));
        assertThat(total / draws).isBetween(0.88, 0.92);
    }

    @Test
    void aciRecoversCoverageAfterAVolatilityJump() {
        SplittableRandom rnd = new SplittableRandom(2);
        ConformalCalibrator split = new ConformalCalibrator(ConformalCalibrator.Mode.SPLIT, 0.1, 0, 500);
        ConformalCalibrator aci = new ConformalCalibrator(ConformalCalibrator.Mode.ADAPTIVE, 0.1, 0.01, 500);
        for (int i = 0; i < 500; i++) {
            double y = rnd.nextGaussian();
            split.calibrate(forecast(1), y);
            aci.calibrate(forecast(1), y);
        }
        // Volatility doubles; the forecaster does not notice.
        int n = 6000;
        int splitHits = 0;
        int aciHitsLate = 0;
        for (int i = 0; i < n; i++) {
            double y = 2 * rnd.nextGaussian();
            HorizonForecast s = split.adjust(forecast(1));
            HorizonForecast a = aci.adjust(forecast(1));
            splitHits += y >= s.q05() && y <= s.q95() ? 1 : 0;
            if (i >= n / 2) {
                aciHitsLate += y >= a.q05() && y <= a.q95() ? 1 : 0;
            }
            aci.observe(forecast(1), y);
            split.observe(forecast(1), y);
        }
        assertThat((double) splitHits / n).as("split after the jump").isLessThan(0.75);
        assertThat((double) aciHitsLate / (n / 2)).as("ACI after adapting").isBetween(0.87, 0.93);
    }

    @Test
    void calibratedForecastsOfSamplesKeepTheirOrder() {
        HorizonForecast f = SampleStatistics.fromPrices(H, 0, new double[]{1.0, 1.1, 1.2, 1.3}, new double[0], true);
        ConformalCalibrator c = new ConformalCalibrator(ConformalCalibrator.Mode.SPLIT, 0.1, 0, 100);
        for (int i = 0; i < 50; i++) {
            c.calibrate(f, 1.15);
        }
        HorizonForecast adj = c.adjust(f);
        assertThat(adj.q05()).isLessThanOrEqualTo(adj.q50());
        assertThat(adj.q95() - adj.q05()).isLessThan(f.q95() - f.q05());
    }
}
