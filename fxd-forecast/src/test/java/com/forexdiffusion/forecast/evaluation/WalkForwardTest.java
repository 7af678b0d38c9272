package com.forexdiffusion.forecast.evaluation;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.conformal.ConformalCalibrator;
import com.forexdiffusion.forecast.metrics.HorizonMetrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class WalkForwardTest {
    static final List<Horizon> HORIZONS = List.of(new Horizon(15), new Horizon(60));

    /** GARCH(1,1) returns on an M15 grid that never closes (a synthetic 24/7 market keeps the arithmetic simple). */
    static BarSeries garchSeries(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double omega = 2e-7;
        double alpha = 0.08;
        double beta = 0.9;
        double h = omega / (1 - alpha - beta);
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M15, n);
        long t0 = java.time.Instant.parse("2024-01-01T22:00:00Z").toEpochMilli();
        double p = 1.1;
        long ts = t0;
        for (int i = 0; i < n; i++) {
            double ret = Math.sqrt(h) * r.nextGaussian();
            h = omega + alpha * ret * ret + beta * h;
            double next = p * Math.exp(ret);
            // Keep to trading time: skip the weekend closure so no bar is an in-session gap.
            while (!com.forexdiffusion.core.FxMarketHours.isOpen(ts)) {
                ts += 900_000L;
            }
            b.add(ts, p, Math.max(p, next), Math.min(p, next), next, 1);
            ts += 900_000L;
            p = next;
        }
        return b.build();
    }

    static WalkForwardConfig cfg(ConformalCalibrator.Mode mode) {
        return new WalkForwardConfig(2000, 1000, 1000, 1, HORIZONS, 40, 3, mode, 0.1);
    }

    @Test
    void foldsDoNotOverlapAndKeepTheirGaps() {
        List<WalkForward.Fold> folds = WalkForward.folds(10_000, cfg(null), 4);
        // 2000 + 4 + 1000 + 4 + 1000 = 4008; each next fold 1000 later; the last must leave a gap of 4 at the end.
        assertThat(folds).hasSize(6);
        WalkForward.Fold f = folds.get(0);
        assertThat(f.calibrationStart() - f.trainEnd()).isEqualTo(4);
        assertThat(f.testStart() - f.calibrationEnd()).isEqualTo(4);
        assertThat(folds.get(1).testStart()).isEqualTo(f.testEnd());
        assertThat(folds.get(5).testEnd() + 4).isLessThanOrEqualTo(10_000);
    }

    @Test
    void conformalGarchCoversNinetyPercentOutOfSample() {
        BarSeries s = garchSeries(12_000, 4);
        List<long[]> updates = new java.util.ArrayList<>();
        WalkForward.Result r = WalkForward.run(s, List.of(ForecasterFactory.rwGarch(), ForecasterFactory.rwEwma()),
                cfg(ConformalCalibrator.Mode.SPLIT), (done, total) -> updates.add(new long[]{done, total}));
        // Progress moves within folds (batches of forecasts, not only fits), never backwards, and ends at its total.
        assertThat(updates.size()).isGreaterThan(2 * 8 * 2);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i)[0]).isGreaterThanOrEqualTo(updates.get(i - 1)[0]);
        }
        long[] last = updates.get(updates.size() - 1);
        assertThat(last[0]).isEqualTo(last[1]);
        for (String name : List.of("rw-garch", "rw-ewma")) {
            for (Horizon h : HORIZONS) {
                HorizonMetrics.Summary m = r.metrics().get(name).get(h);
                assertThat(m.coverage90()).as("%s %s", name, h).isBetween(0.87, 0.93);
                assertThat(m.crps()).isPositive();
            }
        }
        assertThat(r.testForecasts()).isEqualTo(2L * 8 * 1000);
    }

    /** Wraps a factory and records every forecast it makes, by forecast time. */
    static final class Recording implements ForecasterFactory {
        final List<Forecast> made = new ArrayList<>();
        private final ForecasterFactory inner;

        Recording(ForecasterFactory inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Forecaster fit(BarSeries train) {
            Forecaster f = inner.fit(train);
            return new Forecaster() {
                public String name() {
                    return f.name();
                }

                public String version() {
                    return f.version();
                }

                public int lookback() {
                    return f.lookback();
                }

                public Forecast forecast(ForecastRequest request) {
                    Forecast out = f.forecast(request);
                    made.add(out);
                    return out;
                }
            };
        }
    }

    @Test
    void changingLaterBarsLeavesEarlierForecastsUnchanged() {
        BarSeries s = garchSeries(8000, 6);
        int cut = 5500;
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M15, s.size());
        for (int i = 0; i < s.size(); i++) {
            double k = i > cut ? 1.2 : 1.0;
            b.add(s.ts(i), s.open(i) * k, s.high(i) * k, s.low(i) * k, s.close(i) * k, 1);
        }
        Recording a = new Recording(ForecasterFactory.rwGarch());
        Recording c = new Recording(ForecasterFactory.rwGarch());
        WalkForward.run(s, List.of(a), cfg(ConformalCalibrator.Mode.ADAPTIVE), ProgressListener.NONE);
        WalkForward.run(b.build(), List.of(c), cfg(ConformalCalibrator.Mode.ADAPTIVE), ProgressListener.NONE);
        long limit = s.ts(cut);
        List<Forecast> before = a.made.stream().filter(f -> f.time() <= limit).toList();
        List<Forecast> after = c.made.stream().filter(f -> f.time() <= limit).toList();
        assertThat(before).isNotEmpty();
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).horizons().get(1).q95()).isEqualTo(before.get(i).horizons().get(1).q95());
            assertThat(after.get(i).horizons().get(0).samples()).containsExactly(before.get(i).horizons().get(0).samples());
        }
        assertThat(c.made.stream().filter(f -> f.time() > limit).toList().get(0).lastClose())
                .isNotEqualTo(a.made.stream().filter(f -> f.time() > limit).toList().get(0).lastClose());
    }
}
