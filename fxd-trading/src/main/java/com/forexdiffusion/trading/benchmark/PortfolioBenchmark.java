package com.forexdiffusion.trading.benchmark;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Clock;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.baseline.RandomWalkForecaster;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.ConversionRates;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.engine.ForecastEngine;
import com.forexdiffusion.trading.engine.Portfolio;
import com.forexdiffusion.trading.engine.SignalTuning;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.paper.PaperTrader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of issue 17: four symbols × a year of M5 on one account with forecasts already made (the portfolio loop,
 * broker and all), and a paper session replaying stored M5 bars on SQLite (a forecast, its log and one commit per bar).
 */
public final class PortfolioBenchmark {
    private static final long START = Instant.parse("2023-01-02T00:00:00Z").toEpochMilli();
    private static final List<String> SYMBOLS = List.of("EURUSD", "GBPUSD", "USDJPY", "EURGBP");

    private PortfolioBenchmark() {
    }

    /**
     * @param portfolioBars   bars of the four symbols together
     * @param portfolioS      wall time of the four-symbol year with cached forecasts (the loop, not the forecasts)
     * @param paperBars       bars the paper session replayed
     * @param paperBarsPerS   its replay rate
     */
    public record Result(long portfolioBars, int portfolioTrades, double portfolioS, long paperBars,
                         double paperBarsPerS) {
    }

    private static BarSeries m1(String symbol, int days, long seed) {
        Instrument i = InstrumentCatalog.builtIn().resolve(symbol);
        return new SyntheticGenerator(SyntheticConfig.forInstrument(i, seed)).generate(symbol, START, days);
    }

    public static Result run(Path workDir, int portfolioDays, int paperDays, ProgressListener progress) {
        try {
            Files.createDirectories(workDir);
            StrategyConfig base = StrategyConfig.defaults();
            StrategyConfig cfg = new StrategyConfig(List.of(new Horizon(15), new Horizon(60)), 10, 1, 200,
                    base.minStrength(), base.topN(), base.sizing(), base.risk(), base.volumeWindow(), base.calibration());
            RandomWalkForecaster rw = RandomWalkForecaster.ewma(200, 0.94);
            List<Portfolio.Leg> legs = new ArrayList<>();
            long bars = 0;
            try (Database rates = Database.openScratch(workDir.resolve("rates.db"))) {
                for (int k = 0; k < SYMBOLS.size(); k++) {
                    BarSeries m5 = Resampler.resample(m1(SYMBOLS.get(k), portfolioDays, 7 + k), Timeframe.M5);
                    try (CandleWriter w = rates.candles().writer()) {
                        w.addAll(m5, SyntheticGenerator.SOURCE);
                        w.commit();
                    }
                    Map<Integer, Forecast> cache = new HashMap<>();
                    for (int i = cfg.lookback(); i < m5.size(); i++) {
                        cache.put(i, rw.forecast(ForecastEngine.request(m5, i, cfg)));
                    }
                    legs.add(new Portfolio.Leg(m5, rw, cache::get, null, cfg.lookback()));
                    bars += m5.size() - cfg.lookback();
                    progress.update(k + 1, SYMBOLS.size() + 1);
                }
                double seconds;
                int trades;
                try (Database db = Database.openScratch(workDir.resolve("portfolio.db"))) {
                    PaperBroker broker = PaperBroker.open(db, "bench", BrokerConfig.defaults(), 100_000,
                            legs.get(0).bars().ts(0)).withRates(ConversionRates.stored(rates.candles(), Timeframe.M5));
                    long t0 = System.nanoTime();
                    trades = Portfolio.run(legs, cfg, broker, InstrumentCatalog.builtIn(), SignalTuning.defaults(), 500,
                            ProgressListener.NONE).account().trades().size();
                    seconds = (System.nanoTime() - t0) / 1e9;
                }
                long[] paper = paper(workDir, paperDays);
                progress.update(SYMBOLS.size() + 1, SYMBOLS.size() + 1);
                return new Result(bars, trades, seconds, paper[0], paper[0] / (paper[1] / 1e9));
            }
        } catch (IOException e) {
            throw new FxdException("benchmark failed in " + workDir + ": " + e.getMessage(), e);
        }
    }

    /** Bars replayed and nanoseconds taken by a new paper session over {@code days} of stored M5 bars. */
    private static long[] paper(Path workDir, int days) {
        BarSeries m5 = Resampler.resample(m1("EURUSD", days, 3), Timeframe.M5);
        try (Database d = Database.open("sqlite:" + workDir.resolve("paper.db"))) {
            try (CandleWriter w = d.candles().writer()) {
                w.addAll(m5, SyntheticGenerator.SOURCE);
                w.commit();
            }
            int trainBars = 600;
            PaperTrader.Settings s = new PaperTrader.Settings("bench", "EURUSD", Timeframe.M5, "rw-ewma",
                    m5.ts(trainBars), Long.MAX_VALUE, trainBars, "15,60", 10, 100_000, 1, CalibrationMode.ACI, null);
            try (PaperTrader t = PaperTrader.open(d, s, ForecasterFactory::named, Clock.system())) {
                long t0 = System.nanoTime();
                long n = t.catchUp(c -> c, ProgressListener.NONE);
                return new long[]{n, System.nanoTime() - t0};
            }
        }
    }
}
