package com.forexdiffusion.forecast.conformal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnlineCalibratorTest {
    static final long HOUR = 3_600_000L;
    static final Horizon H1 = new Horizon(60);
    static final Horizon H4 = new Horizon(240);

    /** A forecast at bar i (time i hours) centred on {@code centre} with [q05, q95] = centre ± half. */
    static Forecast forecast(int i, double centre, double half, Horizon... hs) {
        List<HorizonForecast> out = new ArrayList<>();
        for (Horizon h : hs) {
            TreeMap<Double, Double> q = new TreeMap<>();
            q.put(0.05, centre - half);
            q.put(0.5, centre);
            q.put(0.95, centre + half);
            out.add(new HorizonForecast(h, i * HOUR + h.minutes() * 60_000L, centre, half / 1.6448536269514722, q,
                    null));
        }
        return new Forecast("EURUSD", Timeframe.H1, i * HOUR, centre, out, 0, "test", "v");
    }

    @Test
    void aciUpdateMatchesAHandComputedSequence() {
        // α = 0.5, γ = 0.1, window 3, issued after 1 outcome. Every raw interval is [−1, 1] for the next bar.
        CalibrationConfig cfg = new CalibrationConfig(CalibrationMode.ACI, 0.5, 0.1, 3, 1);
        OnlineCalibrator c = new OnlineCalibrator(cfg);
        double[] y = {0, 2, 3, 1.5, -2.5};
        List<Optional<Forecast>> issued = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            c.onBarClose(i * HOUR, y[i]);
            issued.add(c.calibrate(forecast(i, 0, 1, H1)));
        }
        // Bar 0: no outcome yet, withheld. Bar 1: y = 2 gives score max(−1 − 2, 2 − 1) = 1 (warm-up: no level
        // update); with one score at α = 0.5 the rank is ⌈2 · 0.5⌉ = 1: margin 1, interval [−2, 2].
        assertThat(issued.get(0)).isEmpty();
        assertInterval(issued.get(1), -2, 2);
        // Bar 2: y = 3 misses [−2, 2]: α = 0.5 + 0.1 (0.5 − 1) = 0.45; score 2; scores {1, 2}, rank ⌈3 · 0.55⌉ = 2:
        // margin 2, interval [−3, 3].
        assertInterval(issued.get(2), -3, 3);
        // Bar 3: y = 1.5 is inside [−3, 3]: α = 0.45 + 0.1 · 0.5 = 0.5; score 0.5; scores {0.5, 1, 2}, rank
        // ⌈4 · 0.5⌉ = 2: margin 1, interval [−2, 2].
        assertInterval(issued.get(3), -2, 2);
        // Bar 4: y = −2.5 misses [−2, 2]: α = 0.45; score 1.5; the window of 3 drops the oldest score (1), leaving
        // {0.5, 1.5, 2}; rank ⌈4 · 0.55⌉ = 3: margin 2, interval [−3, 3].
        assertInterval(issued.get(4), -3, 3);
        assertThat(c.level(H1)).isCloseTo(0.45, within(1e-12));
        // σ follows the width: raw σ = 1/1.645, interval widened ×3 → σ = 3/1.645.
        assertThat(issued.get(4).orElseThrow().at(H1).std()).isCloseTo(3 / 1.6448536269514722, within(1e-12));
        OnlineCalibrator.Summary s = c.summary();
        assertThat(s.withheld()).isEqualTo(1);
        // Three issued intervals resolved: [−2, 2] missed 3, [−3, 3] held 1.5, [−2, 2] missed −2.5; the raw [−1, 1]
        // missed all three.
        assertThat(s.coverage().get(H1).resolved()).isEqualTo(3);
        assertThat(s.coverage().get(H1).calibrated()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(s.coverage().get(H1).raw()).isZero();
    }

    private static void assertInterval(Optional<Forecast> f, double lo, double hi) {
        assertThat(f).isPresent();
        HorizonForecast h = f.get().at(H1);
        assertThat(h.q05()).isCloseTo(lo, within(1e-12));
        assertThat(h.q95()).isCloseTo(hi, within(1e-12));
        assertThat(h.mean()).isZero();
    }

    @Test
    void splitKeepsTheMarginOfItsFirstOutcomes() {
        CalibrationConfig cfg = new CalibrationConfig(CalibrationMode.SPLIT, 0.5, 0.1, 3, 3);
        OnlineCalibrator c = new OnlineCalibrator(cfg);
        double[] y = {0, 2, -3, 0.5, 10, -10};
        List<Optional<Forecast>> issued = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            c.onBarClose(i * HOUR, y[i]);
            issued.add(c.calibrate(forecast(i, 0, 1, H1)));
        }
        // Scores of the first three outcomes 2, −3, 0.5: 1, 2, −0.5; rank ⌈4 · 0.5⌉ = 2: margin 1, for good.
        assertThat(issued.subList(0, 3)).allMatch(Optional::isEmpty);
        assertInterval(issued.get(3), -2, 2);
        assertInterval(issued.get(4), -2, 2);
        assertInterval(issued.get(5), -2, 2);
        assertThat(c.level(H1)).isEqualTo(0.5);
    }

    @Test
    void noneIssuesTheRawForecastAtOnce() {
        OnlineCalibrator c = new OnlineCalibrator(CalibrationConfig.defaults().withMode(CalibrationMode.NONE));
        Forecast raw = forecast(0, 1, 0.1, H1);
        assertThat(c.calibrate(raw)).containsSame(raw);
        assertThat(c.active()).isFalse();
    }

    @Test
    void aForecastWaitsForItsOwnTargetBarAndAGapDropsIt() {
        CalibrationConfig cfg = new CalibrationConfig(CalibrationMode.ACI, 0.5, 0.1, 3, 1);
        OnlineCalibrator c = new OnlineCalibrator(cfg);
        c.calibrate(forecast(0, 0, 1, H4));
        // Bars 1..3 close before the 4-hour target: nothing is learnt, so nothing is issued.
        for (int i = 1; i <= 3; i++) {
            c.onBarClose(i * HOUR, 100);
            assertThat(c.calibrate(forecast(i, 0, 1, H4))).isEmpty();
        }
        c.onBarClose(4 * HOUR, 2);
        // Only the forecast of bar 0 has resolved (score 1): margin 1.
        Forecast f = c.calibrate(forecast(4, 0, 1, H4)).orElseThrow();
        assertThat(f.at(H4).q95()).isCloseTo(2, within(1e-12));
        // Bars 5..8 never come (a session gap): the forecasts of bars 1..4 are dropped when bar 9 closes, unscored.
        c.onBarClose(9 * HOUR, 50);
        assertThat(c.state().pending()).isEmpty();
        assertThat(c.state().conformal().scores().get(240)).containsExactly(1.0);
    }

    @Test
    void aPointForecastGetsAnIntervalOnceOutcomesAreKnown() {
        OnlineCalibrator c = new OnlineCalibrator(new CalibrationConfig(CalibrationMode.ACI, 0.1, 0.005, 100, 9));
        // Outcomes alternate 1.1 ± 0.01 around a point forecast of 1.1: every score is 0.01.
        for (int i = 0; i < 12; i++) {
            c.onBarClose(i * HOUR, 1.1 + (i % 2 == 0 ? 0.01 : -0.01));
            Optional<Forecast> f = c.calibrate(forecast(i, 1.1, 0, H1));
            if (i < 9) {
                assertThat(f).as("bar %d", i).isEmpty();
            } else {
                HorizonForecast h = f.orElseThrow().at(H1);
                assertThat(h.q05()).isCloseTo(1.09, within(1e-12));
                assertThat(h.q95()).isCloseTo(1.11, within(1e-12));
                assertThat(h.std()).isCloseTo(0.01 / 1.6448536269514722, within(1e-12));
            }
        }
    }

    @Test
    void aciCoversNinetyPercentOfARandomWalkWhoseForecastIsFarTooNarrow() {
        // A random walk with σ = 1 per bar; the forecaster claims [close ± 0.3] for 1 bar ahead and ± 0.6 for 4
        // (true 90% half widths 1.645 and 3.29). Tolerance: within 1.5 points of 90% over 20 000 outcomes each (the
        // binomial standard error alone is 0.2 points; ACI's own oscillation adds about as much at γ = 0.005).
        SplittableRandom rnd = new SplittableRandom(5);
        OnlineCalibrator c = new OnlineCalibrator(CalibrationConfig.defaults());
        double p = 0;
        for (int i = 0; i < 20_050; i++) {
            p += rnd.nextGaussian();
            c.onBarClose(i * HOUR, p);
            List<HorizonForecast> hs = new ArrayList<>(forecast(i, p, 0.3, H1).horizons());
            hs.addAll(forecast(i, p, 0.6, H4).horizons());
            c.calibrate(new Forecast("EURUSD", Timeframe.H1, i * HOUR, p, hs, 0, "narrow", "v"));
        }
        for (Horizon h : List.of(H1, H4)) {
            OnlineCalibrator.Coverage cov = c.summary().coverage().get(h);
            assertThat(cov.resolved()).isGreaterThan(19_900);
            assertThat(cov.raw()).as("raw %s", h).isLessThan(0.30);
            assertThat(cov.calibrated()).as("calibrated %s", h).isCloseTo(0.90, within(0.015));
        }
    }

    @Test
    void aSavedStateWrittenAsJsonContinuesExactly() throws Exception {
        SplittableRandom rnd = new SplittableRandom(9);
        double[] y = new double[400];
        for (int i = 1; i < y.length; i++) {
            y[i] = y[i - 1] + rnd.nextGaussian();
        }
        CalibrationConfig cfg = CalibrationConfig.defaults();
        OnlineCalibrator straight = new OnlineCalibrator(cfg);
        List<Optional<Forecast>> whole = run(straight, y, 0, y.length);
        OnlineCalibrator first = new OnlineCalibrator(cfg);
        List<Optional<Forecast>> pieces = new ArrayList<>(run(first, y, 0, 200));
        ObjectMapper json = new ObjectMapper();
        OnlineCalibrator.State saved = json.readValue(json.writeValueAsString(first.state()), OnlineCalibrator.State.class);
        OnlineCalibrator second = new OnlineCalibrator(cfg);
        second.restore(saved);
        pieces.addAll(run(second, y, 200, y.length));
        assertThat(pieces.stream().filter(Optional::isPresent).count()).isGreaterThan(300);
        for (int i = 0; i < y.length; i++) {
            assertThat(pieces.get(i).map(f -> f.at(H4).q05())).as("bar %d", i).isEqualTo(whole.get(i).map(f -> f.at(H4).q05()));
            assertThat(pieces.get(i).map(f -> f.at(H1).std())).as("bar %d", i).isEqualTo(whole.get(i).map(f -> f.at(H1).std()));
        }
        assertThat(second.level(H4)).isEqualTo(straight.level(H4)).isNotEqualTo(cfg.alpha());
        assertThat(second.state()).isEqualTo(straight.state());
    }

    private static List<Optional<Forecast>> run(OnlineCalibrator c, double[] y, int from, int to) {
        List<Optional<Forecast>> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            c.onBarClose(i * HOUR, y[i]);
            List<HorizonForecast> hs = new ArrayList<>(forecast(i, y[i], 0.5, H1).horizons());
            hs.addAll(forecast(i, y[i], 1.0, H4).horizons());
            out.add(c.calibrate(new Forecast("EURUSD", Timeframe.H1, i * HOUR, y[i], hs, 0, "t", "v")));
        }
        return out;
    }

    @Test
    void badSettingsNameTheirField() {
        assertThatThrownBy(() -> new CalibrationConfig(CalibrationMode.ACI, 0.1, 0.005, 500, 3))
                .isInstanceOf(BadInputException.class).hasMessageContaining("calibration.warmup");
        assertThatThrownBy(() -> CalibrationMode.parse("calibration", "bogus"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("calibration")
                .hasMessageContaining("aci, split, none");
        assertThat(CalibrationMode.parse("calibration", "ACI")).isEqualTo(CalibrationMode.ACI);
    }
}
