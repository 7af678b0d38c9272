package com.forexdiffusion.data.resample;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;

import java.util.ArrayList;
import java.util.List;

/** Resampling of a stored series into stored larger timeframes, all targets in one transaction. */
public final class StoredResampling {
    private StoredResampling() {
    }

    public record Result(String symbol, Timeframe target, int sourceBars, int written) {
    }

    /**
     * Reads {@code symbol} at {@code from}, resamples it to each target and upserts them together. Bars built
     * from synthetic data stay labelled synthetic.
     */
    public static List<Result> resample(CandleStore store, String symbol, Timeframe from, List<Timeframe> targets,
                                        Resampler.Alignment alignment) {
        BarSeries source = store.readAll(symbol, from);
        if (source.isEmpty()) {
            throw new FxdException("no " + symbol + " " + from + " bars stored to resample (fxd data info lists "
                    + "what is stored)");
        }
        boolean synthetic = store.info(symbol, from).map(i -> i.synthetic()).orElse(false);
        String label = synthetic ? SyntheticGenerator.SOURCE : "resample:" + from;
        List<Result> out = new ArrayList<>();
        try (CandleWriter w = store.writer()) {
            for (Timeframe tf : targets) {
                BarSeries r = Resampler.resample(source, tf, alignment);
                w.addAll(r, label);
                out.add(new Result(symbol, tf, source.size(), r.size()));
            }
            w.commit();
        }
        return out;
    }
}
