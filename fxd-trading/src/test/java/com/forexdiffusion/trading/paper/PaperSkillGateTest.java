package com.forexdiffusion.trading.paper;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Clock;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.trading.skill.SkillGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A new paper session trades behind the skill gate; one saved before the gate existed continues without it. */
class PaperSkillGateTest {
    private static final long START = Instant.parse("2023-01-02T00:00:00Z").toEpochMilli();
    @TempDir
    Path dir;

    private Database market() {
        Database d = Database.open("sqlite:" + dir.resolve("fx.db"));
        BarSeries m5 = Resampler.resample(new SyntheticGenerator(SyntheticConfig.defaults(11)).generate("EURUSD",
                START, 5), Timeframe.M5);
        try (CandleWriter w = d.candles().writer()) {
            w.addAll(m5, SyntheticGenerator.SOURCE);
            w.commit();
        }
        return d;
    }

    private static PaperTrader.Settings settings(String account, long from) {
        return new PaperTrader.Settings(account, "EURUSD", Timeframe.M5, "momentum", from, Long.MAX_VALUE, 600,
                "15,60", 9, 100_000, 7, CalibrationMode.ACI, null);
    }

    @Test
    void aNewSessionIsGatedAndAnOldOneIsNot() {
        try (Database d = market()) {
            long from = d.candles().readAll("EURUSD", Timeframe.M5).ts(600);
            // A session row as sessions were written before the gate (its account first): no skill_gate mark in its
            // config.
            com.forexdiffusion.trading.broker.PaperBroker.open(d, "old",
                    com.forexdiffusion.trading.broker.BrokerConfig.defaults(), 100_000, from);
            new PaperSessions(d).create(new PaperSessions.Session("old", "EURUSD", Timeframe.M5, "momentum",
                    "{\"horizons\":\"15,60\",\"samples\":9,\"seed\":7,\"train_bars\":600,\"deposit\":100000.0,"
                            + "\"calibration\":\"aci\"}", from, null, null), 0);
            long oldTrades;
            long newTrades;
            SkillGate.Summary gated;
            try (PaperTrader old = PaperTrader.open(d, settings("old", from), (n, hs) -> new MomentumFactory(),
                    Clock.system())) {
                assertThat(old.strategy().skillGate().enabled()).isFalse();
                old.catchUp(s -> s, ProgressListener.NONE);
                oldTrades = old.trades().size();
                assertThat(old.skillGate().get("EURUSD").sentence()).startsWith("skill gate off");
            }
            try (PaperTrader fresh = PaperTrader.open(d, settings("new", from), (n, hs) -> new MomentumFactory(),
                    Clock.system())) {
                assertThat(fresh.strategy().skillGate().enabled()).isTrue();
                fresh.catchUp(s -> s, ProgressListener.NONE);
                newTrades = fresh.trades().size();
                gated = fresh.skillGate().get("EURUSD");
            }
            // The momentum forecaster has no skill: the old session trades it, the new one stands aside throughout.
            assertThat(oldTrades).isGreaterThan(5);
            assertThat(newTrades).isZero();
            assertThat(gated.decisionBars()).isPositive();
            assertThat(gated.stoodAside()).isEqualTo(gated.signals()).isPositive();
            assertThat(gated.firstOpenAt()).isNull();
        }
    }
}
