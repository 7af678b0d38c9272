package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.IntrabarBars;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.regime.RegimeDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No lookahead in the engine: every M1 bar after a cut is replaced by another random path (not a level shift), the
 * decision bars are rebuilt from them, regimes and M1 stop/target ordering on; every order up to the cut is the same.
 */
class LookaheadTest {
    private static final long START = Instant.parse("2023-01-02T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    /** {@code m1} up to {@code cut}, then the path of another seed, scaled to continue from the last close. */
    static BarSeries randomisedAfter(BarSeries m1, long cut, long seed) {
        BarSeries other = new SyntheticGenerator(SyntheticConfig.defaults(seed)).generate("EURUSD", START, 20);
        int c = m1.lowerBound(cut);
        double k = m1.close(c - 1) / other.open(other.lowerBound(cut));
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M1, m1.size());
        for (int i = 0; i < c; i++) {
            b.add(m1.ts(i), m1.open(i), m1.high(i), m1.low(i), m1.close(i), m1.volume(i));
        }
        for (int i = other.lowerBound(cut); i < other.size(); i++) {
            b.add(other.ts(i), other.open(i) * k, other.high(i) * k, other.low(i) * k, other.close(i) * k,
                    other.volume(i));
        }
        return b.build();
    }

    private List<OrderDecision> orders(BarSeries m1, String name) {
        BarSeries bars = Resampler.resample(m1, Timeframe.M15);
        RegimeDetector.Estimate[] regimes = RegimeDetector.fit(bars.slice(0, 400), 20, 3).estimates(bars);
        Database db = Database.openScratch(dir.resolve(name + ".db"));
        PaperBroker broker = PaperBroker.open(db, "bt", BrokerConfig.defaults(), 100_000, bars.ts(0))
                .withIntrabar(IntrabarBars.of(Map.of("EURUSD", m1)));
        return Backtest.run(bars, 400, new EngineTest.Momentum(), EngineTest.cfg(), broker, InstrumentCatalog.builtIn(),
                regimes, ProgressListener.NONE).orders();
    }

    @Test
    void randomisingEveryBarAfterTheCutChangesNoOrderBeforeIt() {
        BarSeries m1 = new SyntheticGenerator(SyntheticConfig.defaults(5).withRegimes(true)).generate("EURUSD", START, 20);
        long cut = Instant.parse("2023-01-18T13:00:00Z").toEpochMilli();
        List<OrderDecision> a = orders(m1, "a");
        List<OrderDecision> b = orders(randomisedAfter(m1, cut, 99), "b");
        List<OrderDecision> aBefore = a.stream().filter(o -> o.time() <= cut).toList();
        List<OrderDecision> bBefore = b.stream().filter(o -> o.time() <= cut).toList();
        assertThat(aBefore).hasSizeGreaterThan(5);
        assertThat(bBefore).isEqualTo(aBefore);
        // The future did change: the orders after the cut differ.
        assertThat(b.stream().filter(o -> o.time() > cut).toList())
                .isNotEqualTo(a.stream().filter(o -> o.time() > cut).toList());
    }
}
