package com.forexdiffusion.trading.optimisation.objective;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.trading.engine.ForecastCache;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.optimisation.study.TrialOutcome;
import com.forexdiffusion.trading.risk.RiskLimits;
import com.forexdiffusion.trading.sizing.SizingConfig;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The backtest objective on seeded synthetic M15 bars with DLinear (a random walk has no direction to trade), forecasts in a real SQLite cache. */
class BacktestObjectiveTest {
    @TempDir
    Path dir;

    static BarSeries market() {
        BarSeries m1 = new SyntheticGenerator(SyntheticConfig.defaults(5)).generate("EURUSD",
                Instant.parse("2023-01-02T00:00:00Z").toEpochMilli(), 40);
        return Resampler.resample(m1, Timeframe.M15);
    }

    static StrategyConfig strategy() {
        return new StrategyConfig(List.of(new Horizon(15), new Horizon(60)), 30, 1, 200, 0.3, 5,
                SizingConfig.defaults(), RiskLimits.defaults(), 20, CalibrationConfig.defaults())
                .withSkillGate(com.forexdiffusion.trading.skill.SkillGateConfig.disabled());
    }

    private BacktestObjective objective(Database db, BarSeries bars) {
        return BacktestObjective.builder().bars(bars, 600, bars.size()).folds(4).trainBars(400)
                .forecaster(ForecasterFactory.dlinear(strategy().horizons())).strategy(strategy()).cache(new ForecastCache(db))
                .workDir(dir).build();
    }

    private static Map<String, Object> params(double stop, double quality) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("min_strength", 0.2);
        p.put("quality_threshold", quality);
        p.put("stop_multiple", stop);
        p.put("target_multiple", 1.5);
        p.put("samples", 30);
        return p;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theObjectiveIsTheMeanOfTheFoldsSpecFormulaAndDeterministicAcrossThreads() throws Exception {
        BarSeries bars = market();
        try (Database db = Database.open("sqlite:" + dir.resolve("fxd.db")); BacktestObjective o = objective(db, bars)) {
            assertThat(o.folds()).hasSize(4);
            Map<String, Object> p = params(1.0, 0.5);
            TrialOutcome first = o.evaluate(p);
            List<Map<String, Object>> folds = (List<Map<String, Object>>) first.metrics().get("folds");
            assertThat(folds).hasSize(4);
            assertThat((Integer) first.metrics().get("trades")).isPositive();
            double sum = 0;
            int foldTrades = 0;
            for (Map<String, Object> f : folds) {
                foldTrades += (Integer) f.get("trades");
                // SPEC §8 with its default weights, a missing figure counting 0, the profit factor capped at 5.
                double expected = 0.4 * n(f.get("sharpe")) - 0.25 * n(f.get("max_drawdown"))
                        + 0.15 * (f.get("profit_factor") == null ? 0 : Math.min(n(f.get("profit_factor")), 5) - 1)
                        - 0.05 * n(f.get("cost_ratio")) - 0.10 * n(f.get("avg_u_pct"))
                        + 0.05 * n(f.get("directional_accuracy"));
                assertThat((Double) f.get("objective")).isCloseTo(expected, within(1e-12));
                sum += expected;
            }
            assertThat(first.objective()).isCloseTo(sum / 4, within(1e-12));
            // Every trade is closed in exactly one fold.
            assertThat(foldTrades).isEqualTo((Integer) first.metrics().get("trades"));

            // The same parameters on two threads at once, and again later: the same outcome every time.
            CompletableFuture<TrialOutcome> a = CompletableFuture.supplyAsync(() -> o.evaluate(p));
            CompletableFuture<TrialOutcome> b = CompletableFuture.supplyAsync(() -> o.evaluate(params(2.0, 0.5)));
            assertThat(a.get()).isEqualTo(first);
            assertThat(b.get().objective()).isNotEqualTo(first.objective());
            assertThat(o.evaluate(params(2.0, 0.5))).isEqualTo(b.get());
        }
    }

    @Test
    void aSecondStudyReadsEveryForecastFromTheCache() {
        BarSeries bars = market();
        try (Database db = Database.open("sqlite:" + dir.resolve("fxd.db"))) {
            double v1;
            try (BacktestObjective o = objective(db, bars)) {
                o.warm(List.of(30), ProgressListener.NONE);
                assertThat(o.cachedForecasts()).isZero();
                v1 = o.evaluate(params(1.0, 0.5)).objective();
            }
            try (BacktestObjective o = objective(db, bars)) {
                o.warm(List.of(30), ProgressListener.NONE);
                assertThat(o.cachedForecasts()).isEqualTo(bars.size() - 600);
                assertThat(o.evaluate(params(1.0, 0.5)).objective()).isEqualTo(v1);
            }
        }
    }

    @Test
    void aParameterTheStrategyDoesNotHaveIsNamed() {
        assertThatThrownBy(() -> StrategyParams.check(new com.forexdiffusion.trading.optimisation.space.SearchSpace(
                List.of(new com.forexdiffusion.trading.optimisation.space.Param.FloatParam("leverage", 1, 2, false))),
                strategy().horizons()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("params.leverage")
                .hasMessageContaining("min_strength");
        StrategyParams.check(StrategyParams.defaultSpace(strategy().horizons()), strategy().horizons());
        assertThat(StrategyParams.samplesValues(StrategyParams.defaultSpace(strategy().horizons()), strategy()))
                .containsExactly(30, 50, 100);
        assertThat(StrategyParams.samplesValues(new com.forexdiffusion.trading.optimisation.space.SearchSpace(List.of(
                new com.forexdiffusion.trading.optimisation.space.Param.FloatParam("risk_pct", 0.5, 1, false))),
                strategy())).containsExactly(30);
    }

    private static double n(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }
}
