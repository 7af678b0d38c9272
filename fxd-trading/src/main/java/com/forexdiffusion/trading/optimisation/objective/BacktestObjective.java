package com.forexdiffusion.trading.optimisation.objective;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.broker.Spreads;
import com.forexdiffusion.trading.engine.Backtest;
import com.forexdiffusion.trading.engine.ForecastCache;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.engine.TradeRecord;
import com.forexdiffusion.trading.optimisation.study.Objective;
import com.forexdiffusion.trading.optimisation.study.TrialOutcome;
import com.forexdiffusion.trading.regime.RegimeDetector;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SPEC §8 objective over walk-forward folds of decision bars [from, to): each fold is forecast by a model fitted
 * on the {@code trainBars} bars before it (so every forecast is out of sample), and the regime model likewise. The
 * forecasts are made (or read from the forecast cache) once per distinct forecast request (the {@code samples}
 * value), so a trial is only the engine loop over them with the trial's strategy; one replay runs through all folds
 * (one account, one calibrator, as `fxd backtest` does) and is cut into folds for the figures. The trial's objective is
 * the mean of the folds' objectives; the folds' figures are its metrics (and the blocks of PBO).
 * <p>
 * Thread-safe: each thread keeps its own paper-broker database; a trial opens a fresh account in it.
 */
public final class BacktestObjective implements Objective, AutoCloseable {
    private final BarSeries bars;
    private final int from;
    private final List<Backtest.Fold> folds;
    private final StrategyConfig base;
    private final ObjectiveWeights weights;
    private final ForecastCache cache;
    private final Spreads spreads;
    private final InstrumentCatalog instruments;
    private final RegimeDetector.Estimate[] regimes;
    private final double deposit;
    private final Path workDir;
    private final Map<Integer, Map<Integer, Forecast>> forecastsBySamples = new HashMap<>();
    private final ThreadLocal<Database> brokerDb;
    private final List<Database> opened = new CopyOnWriteArrayList<>();
    private final AtomicLong accounts = new AtomicLong();
    private final long[] cachedForecasts = new long[1];

    private BacktestObjective(Builder b) {
        if (b.from < b.trainBars || b.to > b.bars.size() || b.from >= b.to) {
            throw BadInputException.ofField("from", "need " + b.trainBars + " bars before the first decision bar and "
                    + "decision bars after it; have " + b.from + " before and " + (b.to - b.from) + " in the range");
        }
        if (b.folds < 1) {
            throw BadInputException.ofField("folds", "must be at least 1, got " + b.folds);
        }
        this.bars = b.bars.slice(0, b.to);
        this.from = b.from;
        int foldBars = (int) Math.ceil((b.to - b.from) / (double) b.folds);
        this.folds = Backtest.walkForward(bars, from, foldBars, b.trainBars, b.factory);
        this.base = b.base;
        this.weights = b.weights;
        this.cache = b.cache;
        this.spreads = b.spreads;
        this.instruments = b.instruments;
        this.deposit = b.deposit;
        this.workDir = b.workDir;
        this.regimes = regimes(bars, folds, b.trainBars, b.base.seed());
        String tag = Long.toHexString(System.nanoTime());
        this.brokerDb = ThreadLocal.withInitial(() -> {
            Database d = Database.openScratch(workDir.resolve("broker-" + tag + "-" + Thread.currentThread()
                    .threadId() + ".db"));
            opened.add(d);
            return d;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Regime estimates by bar index, each fold's from a detector fitted on the bars before that fold. */
    private static RegimeDetector.Estimate[] regimes(BarSeries bars, List<Backtest.Fold> folds, int trainBars,
                                                     long seed) {
        RegimeDetector.Estimate[] out = new RegimeDetector.Estimate[bars.size()];
        for (Backtest.Fold f : folds) {
            RegimeDetector.Estimate[] e = RegimeDetector.fit(bars.slice(f.from() - trainBars, f.from()), 20, seed)
                    .estimates(bars.slice(0, f.to()));
            System.arraycopy(e, f.from(), out, f.from(), f.to() - f.from());
        }
        return out;
    }

    public List<Backtest.Fold> folds() {
        return folds;
    }

    public long firstTime() {
        return bars.ts(from);
    }

    public long lastTime() {
        return bars.lastTs();
    }

    /** Forecasts read from the database cache so far (the rest were computed and stored). */
    public synchronized long cachedForecasts() {
        return cachedForecasts[0];
    }

    /** Makes (or reads) the forecasts for every samples value a trial may ask for, before the trials start. */
    public void warm(List<Integer> samplesValues, ProgressListener progress) {
        for (int s : samplesValues) {
            forecasts(s, progress);
        }
    }

    private synchronized Map<Integer, Forecast> forecasts(int samples, ProgressListener progress) {
        Map<Integer, Forecast> f = forecastsBySamples.get(samples);
        if (f == null) {
            StrategyConfig c = new StrategyConfig(base.horizons(), samples, base.seed(), base.lookback(),
                    base.minStrength(), base.topN(), base.sizing(), base.risk(), base.volumeWindow(), base.calibration());
            f = Backtest.forecasts(bars, folds, c, cache, cachedForecasts, progress);
            forecastsBySamples.put(samples, f);
        }
        return f;
    }

    /** A trial's replay, its outcome and the daily returns over all folds (for the deflated Sharpe ratio). */
    public record Run(TrialOutcome outcome, double[] dailyReturns, Backtest.Result result) {
    }

    @Override
    public TrialOutcome evaluate(Map<String, Object> params) {
        return run(params).outcome();
    }

    public Run run(Map<String, Object> params) {
        StrategyParams.Applied a = StrategyParams.apply(params, base);
        Map<Integer, Forecast> fc = forecasts(a.config().samples(), ProgressListener.NONE);
        PaperBroker broker = PaperBroker.open(brokerDb.get(), "trial-" + accounts.incrementAndGet(),
                BrokerConfig.defaults(), deposit, bars.ts(from)).withSpreads(spreads);
        Backtest.Result r = Backtest.replay(bars, folds.get(0).forecaster(), fc::get, from, a.config(), broker,
                instruments, regimes, a.tuning(), 0, ProgressListener.NONE);
        List<Map<String, Object>> perFold = new ArrayList<>();
        double sum = 0;
        for (int k = 0; k < folds.size(); k++) {
            FoldMetrics m = foldMetrics(r, k);
            double obj = weights.of(m);
            sum += obj;
            perFold.add(m.asMap(obj));
        }
        double[] returns = returns(r.dailyEquity());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("folds", perFold);
        metrics.put("trades", r.trades().size());
        metrics.put("sharpe_per_day", perDaySharpe(returns));
        metrics.put("total_return", r.metrics() == null ? 0 : r.metrics().totalReturn());
        return new Run(new TrialOutcome(sum / folds.size(), metrics), returns, r);
    }

    /** Fold k's figures: its days' equity (from the close before its first day) and the trades closed in it. */
    private FoldMetrics foldMetrics(Backtest.Result r, int k) {
        long start = bars.ts(folds.get(k).from());
        long end = k + 1 < folds.size() ? bars.ts(folds.get(k + 1).from()) : Long.MAX_VALUE;
        LocalDate d0 = FxMarketHours.tradingDate(start);
        LocalDate d1 = end == Long.MAX_VALUE ? LocalDate.MAX : FxMarketHours.tradingDate(end);
        List<Double> eq = new ArrayList<>();
        List<LocalDate> days = r.days();
        for (int i = 0; i < days.size(); i++) {
            boolean in = !days.get(i).isBefore(d0) && days.get(i).isBefore(d1);
            if (in) {
                if (eq.isEmpty() && i > 0) {
                    eq.add(r.dailyEquity()[i - 1]);
                }
                eq.add(r.dailyEquity()[i]);
            }
        }
        List<TradeRecord> trades = r.trades().stream().filter(t -> t.closedAt() >= start && t.closedAt() < end)
                .toList();
        long last = Math.min(end, r.endTime());
        return FoldMetrics.of(eq.stream().mapToDouble(Double::doubleValue).toArray(), (last - start) / 86_400_000.0,
                trades);
    }

    private static double[] returns(double[] equity) {
        double[] r = new double[Math.max(0, equity.length - 1)];
        for (int i = 0; i < r.length; i++) {
            r[i] = equity[i + 1] / equity[i] - 1;
        }
        return r;
    }

    /** Mean over standard deviation of daily returns, not annualised (the unit of the deflated Sharpe ratio). */
    static double perDaySharpe(double[] r) {
        if (r.length < 2) {
            return 0;
        }
        double mean = 0;
        for (double x : r) {
            mean += x;
        }
        mean /= r.length;
        double var = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / (r.length - 1));
        return sd > 0 ? mean / sd : 0;
    }

    @Override
    public void close() {
        opened.forEach(Database::close);
    }

    public static final class Builder {
        private BarSeries bars;
        private int from;
        private int to;
        private int folds = 4;
        private int trainBars = 5000;
        private ForecasterFactory factory;
        private StrategyConfig base = StrategyConfig.defaults();
        private ObjectiveWeights weights = ObjectiveWeights.defaults();
        private ForecastCache cache;
        private Spreads spreads = Spreads.none();
        private InstrumentCatalog instruments = InstrumentCatalog.builtIn();
        private double deposit = 100_000;
        private Path workDir;

        /** All bars of the symbol and timeframe up to at least {@code to}; decision bars are [from, to). */
        public Builder bars(BarSeries b, int from, int to) {
            this.bars = b;
            this.from = from;
            this.to = to;
            return this;
        }

        public Builder folds(int n) {
            this.folds = n;
            return this;
        }

        public Builder trainBars(int n) {
            this.trainBars = n;
            return this;
        }

        public Builder forecaster(ForecasterFactory f) {
            this.factory = f;
            return this;
        }

        public Builder strategy(StrategyConfig c) {
            this.base = c;
            return this;
        }

        public Builder weights(ObjectiveWeights w) {
            this.weights = w;
            return this;
        }

        /** The database forecast cache, or null to compute every forecast. */
        public Builder cache(ForecastCache c) {
            this.cache = c;
            return this;
        }

        public Builder instruments(InstrumentCatalog c) {
            this.instruments = c;
            return this;
        }

        /** The spreads the bars state, crossed instead of the per-symbol spread where there are any. */
        public Builder spreads(Spreads s) {
            this.spreads = s;
            return this;
        }

        public Builder deposit(double d) {
            this.deposit = d;
            return this;
        }

        /** Where the trials' paper-broker databases are kept. */
        public Builder workDir(Path p) {
            this.workDir = p;
            return this;
        }

        public BacktestObjective build() {
            if (bars == null || factory == null || workDir == null) {
                throw new IllegalStateException("an objective needs bars, a forecaster and a work directory");
            }
            return new BacktestObjective(this);
        }
    }
}
