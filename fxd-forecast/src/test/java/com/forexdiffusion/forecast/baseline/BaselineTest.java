package com.forexdiffusion.forecast.baseline;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.HorizonForecast;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BaselineTest {
    static double[] simulateGarch(int n, double omega, double alpha, double beta, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double h = omega / (1 - alpha - beta);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.sqrt(h) * rnd.nextGaussian();
            h = omega + alpha * r[i] * r[i] + beta * h;
        }
        return r;
    }

    static BarSeries pricesFrom(double[] r, double start) {
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M15, r.length + 1);
        double p = start;
        b.add(0, p, p, p, p, 1);
        for (int i = 0; i < r.length; i++) {
            double next = p * Math.exp(r[i]);
            b.add((i + 1) * 900_000L, p, Math.max(p, next), Math.min(p, next), next, 1);
            p = next;
        }
        return b.build();
    }

    @Test
    void garchFitRecoversTheParametersOfALongSimulatedSeries() {
        double[] r = simulateGarch(40_000, 2e-7, 0.08, 0.90, 11);
        Garch11 g = Garch11.fit(r);
        assertThat(g.alpha()).isCloseTo(0.08, within(0.02));
        assertThat(g.beta()).isCloseTo(0.90, within(0.03));
        assertThat(g.unconditionalVariance() / (2e-7 / 0.02)).isBetween(0.85, 1.15);
    }

    @Test
    void aggregateVarianceByHand() {
        Garch11 g = new Garch11(0.1, 0.1, 0.8);
        // V = 0.1 / 0.1 = 1; p = 0.9; h1 = 2: step 1 -> 2, step 2 -> 1 + 0.9 · 1 = 1.9, step 3 -> 1 + 0.81.
        assertThat(g.aggregateVariance(2, 1)).isCloseTo(2, within(1e-12));
        assertThat(g.aggregateVariance(2, 3)).isCloseTo(2 + 1.9 + 1.81, within(1e-12));
        assertThat(g.filter(new double[]{1.0})).isCloseTo(0.1 + 0.1 + 0.8, within(1e-12));
    }

    @Test
    void ewmaByHand() {
        double[] r = new double[31];
        java.util.Arrays.fill(r, 0.01);
        r[30] = 0.02;
        // Seeded with the mean square of the first 30 (1e-4), then 0.94 · 1e-4 + 0.06 · 4e-4.
        assertThat(EwmaVolatility.nextVariance(r, 0.94)).isCloseTo(1.18e-4, within(1e-15));
    }

    @Test
    void randomWalkQuantilesAreTheLognormalOnesAndTheMeanIsTheLastClose() {
        double[] r = new double[200];
        for (int i = 0; i < r.length; i++) {
            r[i] = i % 2 == 0 ? 0.001 : -0.001;
        }
        BarSeries s = pricesFrom(r, 1.2);
        Forecast f = RandomWalkForecaster.ewma(100, 0.94).forecast(
                new ForecastRequest(s, List.of(new Horizon(15), new Horizon(60)), 50, 7, true));
        double last = s.close(s.size() - 1);
        // Every squared return is 1e-6, so σ² per bar is 1e-6 and over 4 bars 4e-6.
        HorizonForecast h60 = f.at(new Horizon(60));
        double sigma = Math.sqrt(4e-6);
        assertThat(h60.mean()).isEqualTo(last);
        assertThat(h60.q95()).isCloseTo(last * Math.exp(-sigma * sigma / 2 + 1.6448536269514722 * sigma), within(1e-12));
        assertThat(h60.q05()).isCloseTo(last * Math.exp(-sigma * sigma / 2 - 1.6448536269514722 * sigma), within(1e-12));
        assertThat(h60.q50()).isCloseTo(last * Math.exp(-sigma * sigma / 2), within(1e-12));
        assertThat(h60.std()).isCloseTo(last * Math.sqrt(Math.expm1(sigma * sigma)), within(1e-15));
        assertThat(h60.samples()).hasSize(50);
        assertThat(f.at(new Horizon(15)).std()).isCloseTo(last * Math.sqrt(Math.expm1(1e-6)), within(1e-15));
        assertThat(h60.targetTime()).isEqualTo(s.lastTs() + 3_600_000L);
    }

    @Test
    void theSameSeedGivesTheSameSamples() {
        BarSeries s = pricesFrom(simulateGarch(300, 1e-7, 0.05, 0.9, 1), 1.1);
        RandomWalkForecaster rw = RandomWalkForecaster.ewma(200, 0.94);
        double[] a = rw.forecast(new ForecastRequest(s, List.of(new Horizon(15)), 30, 5, true)).at(new Horizon(15)).samples();
        double[] b = rw.forecast(new ForecastRequest(s, List.of(new Horizon(15)), 30, 5, true)).at(new Horizon(15)).samples();
        double[] c = rw.forecast(new ForecastRequest(s, List.of(new Horizon(15)), 30, 6, true)).at(new Horizon(15)).samples();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void garchIntervalsCoverNinetyPercentOutOfSampleOnGarchData() {
        double[] r = simulateGarch(24_000, 2e-7, 0.08, 0.90, 21);
        BarSeries s = pricesFrom(r, 1.1);
        Garch11 g = Garch11.fit(java.util.Arrays.copyOf(r, 12_000));
        RandomWalkForecaster rw = RandomWalkForecaster.garch(500, g);
        int hits = 0;
        int n = 0;
        for (int t = 12_500; t + 1 < s.size(); t += 3) {
            Forecast f = rw.forecast(ForecastRequest.of(s.slice(t - 600, t + 1), List.of(new Horizon(15)), 1, 1));
            double actual = s.close(t + 1);
            HorizonForecast h = f.at(new Horizon(15));
            if (actual >= h.q05() && actual <= h.q95()) {
                hits++;
            }
            n++;
        }
        assertThat((double) hits / n).isBetween(0.88, 0.92);
    }

    @Test
    void dlinearLearnsAnAutoregressiveDriftAndBeatsTheRandomWalkOnIt() {
        // Returns with AR(1) coefficient 0.5: the best one-step forecast is half the last return.
        SplittableRandom rnd = new SplittableRandom(12);
        double[] r = new double[6000];
        for (int i = 1; i < r.length; i++) {
            r[i] = 0.5 * r[i - 1] + 1e-4 * rnd.nextGaussian();
        }
        BarSeries s = pricesFrom(r, 1.1);
        List<Horizon> hs = List.of(new Horizon(15), new Horizon(30));
        DlinearForecaster d = DlinearForecaster.fit(s.slice(0, 4000), 96, hs);
        RandomWalkForecaster rw = RandomWalkForecaster.ewma(200, 0.94);
        double seD = 0;
        double seRw = 0;
        for (int t = 4100; t + 2 < s.size(); t++) {
            ForecastRequest req = ForecastRequest.of(s.slice(t - 300, t + 1), hs, 2, 1);
            double actual = Math.log(s.close(t + 1) / s.close(t));
            double pd = Math.log(d.forecast(req).at(hs.get(0)).mean() / s.close(t));
            double prw = Math.log(rw.forecast(req).at(hs.get(0)).mean() / s.close(t));
            seD += (pd - actual) * (pd - actual);
            seRw += (prw - actual) * (prw - actual);
        }
        // The AR(1) one-step error variance is 1e-8 against 1e-8 / (1 − 0.25) for a zero forecast: a ratio of 0.75.
        assertThat(seD / seRw).isBetween(0.70, 0.80);
    }
}
