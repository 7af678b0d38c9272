package com.forexdiffusion.data.resample;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.BarSpreads;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;

import java.util.ArrayList;
import java.util.List;

/** Resampling of a stored series into stored larger timeframes, all targets in one transaction. */
public final class StoredResampling {
    private StoredResampling() {
    }

    /**
     * @param target  the timeframe written (D1_NY, H4_NY for a D1 or H4 target aligned to the New York close)
     * @param partial bars written that their source only partly covered (stored with their missing minutes)
     */
    public record Result(String symbol, Timeframe target, int sourceBars, int written, int partial) {
    }

    /**
     * Reads {@code symbol} at {@code from}, resamples it to each target and upserts them together. Bars built
     * from synthetic data stay labelled synthetic; bars built from part of their minutes are stored with the count of
     * minutes missing. With the New York close alignment, D1 and H4 are written as D1_NY and H4_NY.
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
        BarSpreads spreads = store.spreads(symbol, from, Long.MIN_VALUE, Long.MAX_VALUE);
        try (CandleWriter w = store.writer()) {
            for (Timeframe tf : targets) {
                Resampler.Resampled r = Resampler.resampleCounted(source, tf, alignment);
                BarSeries bars = r.bars();
                double[] spread = meanSpreads(spreads, bars);
                for (int i = 0; i < bars.size(); i++) {
                    w.add(bars.symbol(), bars.timeframe(), bars.ts(i), bars.open(i), bars.high(i), bars.low(i),
                            bars.close(i), bars.volume(i), label, r.missingMinutes()[i], spread[i]);
                }
                out.add(new Result(symbol, bars.timeframe(), source.size(), bars.size(), r.partial()));
            }
            w.commit();
        }
        return out;
    }

    /**
     * Per resampled bar, the mean spread of the source bars inside it that state one (NaN where none does): the cost
     * of crossing the spread at a random moment of the bar.
     */
    static double[] meanSpreads(BarSpreads spreads, BarSeries bars) {
        double[] out = new double[bars.size()];
        java.util.Arrays.fill(out, Double.NaN);
        int k = 0;
        long[] ts = spreads.ts();
        for (int i = 0; i < bars.size() && k < ts.length; i++) {
            long start = bars.ts(i);
            long end = bars.timeframe().next(start);
            while (k < ts.length && ts[k] < start) {
                k++;
            }
            double sum = 0;
            int n = 0;
            for (; k < ts.length && ts[k] < end; k++) {
                sum += spreads.spread()[k];
                n++;
            }
            if (n > 0) {
                out[i] = sum / n;
            }
        }
        return out;
    }
}
