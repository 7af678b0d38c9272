package com.forexdiffusion.data.synthetic;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.store.CandleWriter;

/** Synthetic bars into the candle store, labelled so that no output can pass them off as market data. */
public final class SyntheticData {
    private SyntheticData() {
    }

    /**
     * Generates M1 bars and stores them in one transaction. A series that already holds imported market data is
     * refused before anything is written: synthetic bars must never mix with real ones.
     */
    public static BarSeries generateAndStore(CandleStore store, Instrument instrument, SyntheticConfig cfg,
                                             long startMs, int days, ProgressListener progress) {
        store.info(instrument.symbol(), Timeframe.M1).ifPresent(i -> {
            if (!i.synthetic()) {
                throw new FxdException(instrument.symbol() + " M1 already holds " + i.rows()
                        + " rows of market data; synthetic data would mix with it. Use another --db or --symbol.");
            }
        });
        BarSeries bars = new SyntheticGenerator(cfg).generate(instrument.symbol(), startMs, days);
        try (CandleWriter w = store.writer()) {
            for (int i = 0; i < bars.size(); i++) {
                w.add(bars.symbol(), Timeframe.M1, bars.ts(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i),
                        bars.volume(i), SyntheticGenerator.SOURCE);
                if (i % 20_000 == 0) {
                    progress.update(i, bars.size());
                }
            }
            w.commit();
            progress.update(bars.size(), bars.size());
        }
        return bars;
    }
}
