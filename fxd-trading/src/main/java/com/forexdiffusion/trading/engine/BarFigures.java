package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.trading.signal.Direction;

import java.util.ArrayList;
import java.util.List;

/** Figures of a bar series up to a bar that the engine's scoring and sizing read (nothing after that bar). */
final class BarFigures {
    private BarFigures() {
    }

    /**
     * The direction of each higher timeframe at {@code t} (the decision bar's label): the close of that bar against
     * the last close at least one higher-timeframe period before it; neutral when there is none yet.
     */
    static List<Direction> higherTimeframes(BarSeries series, List<Timeframe> tfs, long t) {
        if (tfs.isEmpty()) {
            return List.of();
        }
        int now = series.lowerBound(t + 1) - 1;
        List<Direction> out = new ArrayList<>(tfs.size());
        for (Timeframe tf : tfs) {
            int then = series.lowerBound(t - tf.millis() + 1) - 1;
            if (now < 0 || then < 0 || then >= now) {
                out.add(Direction.NEUTRAL);
                continue;
            }
            double d = series.close(now) - series.close(then);
            out.add(d > 0 ? Direction.BULL : d < 0 ? Direction.BEAR : Direction.NEUTRAL);
        }
        return out;
    }

    /** Standard deviation of the log returns of the {@code lookback} bars up to {@code index} (none after it). */
    static double realisedVol(BarSeries series, int index, int lookback) {
        int from = Math.max(1, index - lookback + 1);
        int n = index - from + 1;
        if (n < 2) {
            return 0;
        }
        double sum = 0;
        double sq = 0;
        for (int i = from; i <= index; i++) {
            double r = Math.log(series.close(i) / series.close(i - 1));
            sum += r;
            sq += r * r;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1)));
    }

    /** The bar's volume against the average of the {@code window} bars before it (1 without history). */
    static double volumeRatio(BarSeries series, int index, int window) {
        int from = Math.max(0, index - window);
        if (index - from < 1) {
            return 1;
        }
        double sum = 0;
        for (int i = from; i < index; i++) {
            sum += series.volume(i);
        }
        double avg = sum / (index - from);
        return avg > 0 ? series.volume(index) / avg : 1;
    }
}
