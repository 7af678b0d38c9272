package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.forecast.conformal.OnlineCalibrator;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.sizing.SizingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The trading path reads calibrated quantiles (SPEC §7): no lookahead, not inert, and what u changed is counted. */
class CalibratedTradingTest {
    @TempDir
    Path dir;

    /** Momentum's call with no spread at all: q05 = q50 = q95 = mean and σ = 0, like LDM4TS with --fusion explicit. */
    static final class Point implements Forecaster {
        public String name() {
            return "point";
        }

        public String version() {
            return "test";
        }

        public int lookback() {
            return 2;
        }

        public Forecast forecast(ForecastRequest r) {
            BarSeries w = r.window();
            double last = r.lastClose();
            double ret = Math.log(last / w.close(w.size() - 2));
            List<HorizonForecast> out = new ArrayList<>();
            for (Horizon h : r.horizons()) {
                out.add(point(h, r.time() + h.minutes() * 60_000L, last * Math.exp(10 * ret * h.bars(r.timeframe()))));
            }
            return new Forecast(r.symbol(), r.timeframe(), r.time(), last, out, 0, name(), version());
        }

        static HorizonForecast point(Horizon h, long target, double mean) {
            TreeMap<Double, Double> q = new TreeMap<>();
            for (double level : HorizonForecast.DEFAULT_LEVELS) {
                q.put(level, mean);
            }
            return new HorizonForecast(h, target, mean, 0, q, null);
        }
    }

    /** Every horizon bullish with a fixed u: σ = u% of the close, mean = close + 1.2σ, [q05, q95] = mean ± 1.645σ. */
    record FixedU(double uPct) implements Forecaster {
        public String name() {
            return "fixed-u";
        }

        public String version() {
            return "u" + uPct;
        }

        public int lookback() {
            return 1;
        }

        public Forecast forecast(ForecastRequest r) {
            double close = r.lastClose();
            double sigma = close * uPct / 100;
            double mean = close + 1.2 * sigma;
            List<HorizonForecast> out = new ArrayList<>();
            for (Horizon h : r.horizons()) {
                TreeMap<Double, Double> q = new TreeMap<>();
                q.put(0.05, mean - 1.645 * sigma);
                q.put(0.5, mean);
                q.put(0.95, mean + 1.645 * sigma);
                out.add(new HorizonForecast(h, r.time() + h.minutes() * 60_000L, mean, sigma, q, null));
            }
            return new Forecast(r.symbol(), r.timeframe(), r.time(), close, out, 0, name(), version());
        }
    }

    static StrategyConfig cfg(CalibrationMode mode) {
        return EngineTest.cfg().withCalibration(CalibrationConfig.defaults().withMode(mode));
    }

    Backtest.Result backtest(BarSeries bars, Forecaster f, StrategyConfig cfg, String name) {
        try (Database db = Database.open("sqlite:" + dir.resolve(name + ".db"))) {
            PaperBroker broker = PaperBroker.open(db, "bt", BrokerConfig.defaults(), 100_000, bars.ts(0));
            return Backtest.run(bars, 100, f, cfg, broker, InstrumentCatalog.builtIn(), null, ProgressListener.NONE);
        }
    }

    /** The bars up to {@code cut} as they are, every later bar a fresh random walk with random ranges and volumes. */
    static BarSeries randomisedAfter(BarSeries bars, int cut, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BarSeries.Builder b = BarSeries.builder(bars.symbol(), bars.timeframe(), bars.size());
        double p = bars.close(cut);
        for (int i = 0; i < bars.size(); i++) {
            if (i <= cut) {
                b.add(bars.ts(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
                continue;
            }
            double next = p * Math.exp(0.002 * rnd.nextGaussian());
            double hi = Math.max(p, next) * (1 + 0.0005 * rnd.nextDouble());
            double lo = Math.min(p, next) * (1 - 0.0005 * rnd.nextDouble());
            b.add(bars.ts(i), p, hi, lo, next, 1 + rnd.nextInt(1000));
            p = next;
        }
        return b.build();
    }

    @Test
    void noDecisionStopOrSizeUpToADayDependsOnTheBarsAfterIt() {
        BarSeries bars = EngineTest.market(5);
        // Day D: the trading day of the middle bar; cut = its last bar. Its close is the last decision kept.
        int cut = lastBarOfDay(bars, bars.size() / 2);
        long limit = bars.timeframe().next(bars.ts(cut));
        Backtest.Result a = backtest(bars, new EngineTest.Momentum(), cfg(CalibrationMode.ACI), "orig");
        Backtest.Result b = backtest(randomisedAfter(bars, cut, 17), new EngineTest.Momentum(), cfg(CalibrationMode.ACI),
                "random");
        List<OrderDecision> before = a.orders().stream().filter(o -> o.time() <= limit).toList();
        assertThat(a.calibration().withheld()).as("the run had a warm-up").isPositive();
        assertThat(before.size()).as("orders up to day D").isGreaterThan(5);
        assertThat(b.orders().stream().filter(o -> o.time() <= limit).toList()).isEqualTo(before);
        // The randomised bars do change what comes after D, so the equality above is not vacuous.
        assertThat(b.orders().stream().filter(o -> o.time() > limit).toList())
                .isNotEqualTo(a.orders().stream().filter(o -> o.time() > limit).toList());
    }

    @Test
    void theEngineStateAtEveryBarUpToDayDIsTheSameWhateverComesAfter() {
        // Bar by bar, as a paper session runs: after each bar up to the cut both engines must remember exactly the
        // same (open signals, trade results, the calibrator's scores, levels, pending forecasts and the intervals
        // issued from them), although each holds a series whose later bars differ.
        BarSeries bars = EngineTest.market(5);
        int cut = lastBarOfDay(bars, bars.size() / 3);
        BarSeries other = randomisedAfter(bars, cut, 23);
        try (Database da = Database.open("sqlite:" + dir.resolve("la.db"));
             Database db = Database.open("sqlite:" + dir.resolve("lb.db"))) {
            ForecastEngine a = engine(bars, da);
            ForecastEngine b = engine(other, db);
            for (int i = 100; i <= cut; i++) {
                a.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, bars.bar(i), i));
                b.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, other.bar(i), i));
                assertThat(b.state()).as("bar %d", i).isEqualTo(a.state());
            }
            assertThat(a.calibration().coverage()).as("intervals issued and resolved before the cut").isNotEmpty();
            assertThat(a.orders()).isNotEmpty().isEqualTo(b.orders());
        }
    }

    private static ForecastEngine engine(BarSeries bars, Database db) {
        PaperBroker broker = PaperBroker.open(db, "p", BrokerConfig.defaults(), 100_000, bars.ts(0));
        return new ForecastEngine(bars, new EngineTest.Momentum(), null, broker, cfg(CalibrationMode.ACI),
                InstrumentCatalog.builtIn(), null);
    }

    /** The last bar of the trading day of bar {@code i}. */
    private static int lastBarOfDay(BarSeries bars, int i) {
        LocalDate d = FxMarketHours.tradingDate(bars.ts(i));
        while (i + 1 < bars.size() && FxMarketHours.tradingDate(bars.ts(i + 1)).equals(d)) {
            i++;
        }
        return i;
    }

    @Test
    void aPointForecasterNeverTradesRawAndTradesCalibratedWithNinetyPercentCoverage() {
        BarSeries bars = EngineTest.market(3);
        Backtest.Result raw = backtest(bars, new Point(), cfg(CalibrationMode.NONE), "none");
        // Raw: the stop is the point itself, on the winning side of the fill: the broker rejects every order.
        assertThat(raw.orders()).isNotEmpty().noneMatch(OrderDecision::accepted);
        assertThat(raw.trades()).isEmpty();

        Backtest.Result aci = backtest(bars, new Point(), cfg(CalibrationMode.ACI), "aci");
        assertThat(aci.trades().size()).isGreaterThan(10);
        List<OrderDecision> accepted = aci.orders().stream().filter(OrderDecision::accepted).toList();
        // Each accepted order became a trade, but for a position still open at the end.
        assertThat(accepted.size()).isBetween(aci.trades().size(), aci.trades().size() + 1);
        for (OrderDecision o : accepted) {
            int sign = o.direction() == Direction.BULL ? 1 : -1;
            // Raw, stop and target were the same point; calibrated, the stop lies a margin beyond the target.
            assertThat((o.target() - o.stop()) * sign).as("target beyond the stop").isPositive();
            assertThat(o.uncertaintyPct()).isPositive();
        }
        // Every resolved calibrated interval counted: within 3 points of 90% over about 1 800 outcomes per horizon
        // (binomial standard error 0.7 points, plus ACI's oscillation); the raw point covers almost never.
        for (Horizon h : EngineTest.HS) {
            OnlineCalibrator.Coverage c = aci.calibration().coverage().get(h);
            assertThat(c.resolved()).as("%s", h).isGreaterThan(1000);
            assertThat(c.calibrated()).as("coverage %s", h).isCloseTo(0.90, within(0.03));
            assertThat(c.raw()).as("raw coverage %s", h).isLessThan(0.05);
        }
    }

    @Test
    void belowThePenaltyStartSizingShrinksEveryOrder() {
        BarSeries bars = EngineTest.market(3).slice(0, 700);
        Backtest.Result r = backtest(bars, new FixedU(0.3), cfg(CalibrationMode.NONE), "u03");
        UncertaintyEffects.Summary u = r.uncertainty();
        // u = 0.3% <= 0.5%: no penalty; size × (1 − 0.3 / 0.5) = × 0.4, so every sized order gets fewer lots.
        assertThat(u.uP10()).isCloseTo(0.3, within(1e-9));
        assertThat(u.uP90()).isCloseTo(0.3, within(1e-9));
        assertThat(u.penaltyApplied()).isZero();
        assertThat(u.penaltyRejected()).isZero();
        assertThat(u.sized()).isPositive().isEqualTo(r.orders().size());
        assertThat(u.sizingReduced()).isEqualTo(u.sized());
        assertThat(u.sizingRejected()).isZero();
    }

    @Test
    void aboveThePenaltyStartEverySignalFailsTheQualityThreshold() {
        BarSeries bars = EngineTest.market(3).slice(0, 700);
        Backtest.Result r = backtest(bars, new FixedU(0.6), cfg(CalibrationMode.NONE), "u06");
        UncertaintyEffects.Summary u = r.uncertainty();
        // u = 0.6%: penalty 1 − 0.6 = 0.4 on every signal. Without it the composite is at least 0.25 + 0.2 + 0.2 +
        // 0.15 · 0.3 + 0.05 + 0.1 = 0.845 (strength 1, all horizons agree, no regime model); with it at most 0.4,
        // under 0.65. Two signals at each of the 600 decision bars.
        long signals = 2L * (bars.size() - 100);
        assertThat(u.signals()).isEqualTo(signals);
        assertThat(u.penaltyApplied()).isEqualTo(signals);
        assertThat(u.penaltyRejected()).isEqualTo(signals);
        assertThat(u.sized()).isZero();
        assertThat(r.trades()).isEmpty();
    }

    @Test
    void atTheSizingThresholdEveryOrderIsRejectedThatWouldOtherwiseBeSized() {
        BarSeries bars = EngineTest.market(3).slice(0, 700);
        SizingConfig s = SizingConfig.defaults();
        SizingConfig t04 = new SizingConfig(s.method(), s.riskPct(), s.kellyFraction(), s.kellyMinTrades(),
                s.regimeMultipliers(), true, 0.4, s.maxPositionRiskPct(), s.maxTotalRiskPct(), s.drawdownStartPct(),
                s.drawdownFactor(), s.lotStep());
        StrategyConfig base = cfg(CalibrationMode.NONE);
        StrategyConfig cfg = new StrategyConfig(base.horizons(), base.samples(), base.seed(), base.lookback(),
                base.minStrength(), base.topN(), t04, base.risk(), base.volumeWindow(), base.calibration(),
                base.quality(), base.entry(), base.skillGate());
        Backtest.Result r = backtest(bars, new FixedU(0.45), cfg, "u045");
        UncertaintyEffects.Summary u = r.uncertainty();
        // u = 0.45%: no penalty (<= 0.5%), but u >= T = 0.4%: the best signal of every decision bar is sized and
        // rejected, which it would not be without uncertainty sizing. No position ever opens, so that is every bar.
        assertThat(u.penaltyApplied()).isZero();
        assertThat(u.sized()).isEqualTo(bars.size() - 100);
        assertThat(u.sizingRejected()).isEqualTo(u.sized());
        assertThat(r.orders()).isEmpty();
    }
}
