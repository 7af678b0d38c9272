package com.forexdiffusion.forecast.dataset;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Supervised windows over one bar series for training and evaluation (SPEC §4 "Training").
 *
 * <h2>Windows and targets</h2>
 * A window ending at bar index t reads the L input bars [t − L + 1, t]. Its target for a horizon of hb bars
 * ({@link Horizon#bars}) is the log return r = ln(close[t + hb] / close[t]). <b>Horizons are counted in bars
 * of trading time</b>: the target is the bar hb positions later in the series, provided no in-session gap
 * lies between t and t + hb. Inside a session this bar opens exactly at ts[t] + h; across a weekend it is the
 * bar h minutes of trading time later. Every target bar therefore lies strictly after the last input bar.
 *
 * <h2>Gaps</h2>
 * A window whose span [t − L + 1, t + max hb] contains a hole inside a trading session (see
 * {@link FxMarketHours#isSessionGap}) is skipped as a whole and counted in {@link #skippedForGaps()}. Weekend closures are
 * not gaps: the last Friday bar and the first Sunday bar are consecutive in trading time.
 *
 * <h2>Splits</h2>
 * Candidate end indices are t = L − 1 … n − 1 − H (H = max hb), M = n − L − H + 1 of them. Between train
 * and validation and between validation and test, G = H + L − 1 consecutive end indices are purged, so the
 * first input bar of the next split's first window comes after the last target bar of the previous split's
 * last window: the bars (inputs and targets) used by different splits are disjoint, and the end indices of
 * consecutive splits are at least H + L apart (more than SPEC §4's gap of max(horizon) bars). The remaining
 * U = M − 2G end indices are shared out in time order: train gets floor(U·f_train), validation
 * floor(U·f_validation), test the rest. Windows skipped for gaps are simply missing from their split.
 *
 * <h2>Scaling</h2>
 * {@link #targetScaler()} (per horizon) and {@link #inputScaler()} (per {@link InputFeature}) are fitted on
 * train windows only, so no bar used only by validation or test windows can change them.
 */
public final class WindowDataset {
    private static final InputFeature[] FEATURES = InputFeature.values();

    private final BarSeries bars;
    private final int lookback;
    private final List<Horizon> horizons;
    private final int[] horizonBars;
    private final int maxHorizonBars;
    private final SplitFractions fractions;
    private final int[] ends;
    /** Window index where TRAIN, VALIDATION, TEST start, then the total count. */
    private final int[] splitStart;
    private final long skippedForGaps;
    private final double[] targets;
    private final TargetScaler targetScaler;
    private final InputScaler inputScaler;

    private WindowDataset(BarSeries bars, int lookback, List<Horizon> horizons, int[] horizonBars,
                          SplitFractions fractions, int[] ends, int[] splitStart, long skippedForGaps) {
        this.bars = bars;
        this.lookback = lookback;
        this.horizons = horizons;
        this.horizonBars = horizonBars;
        int max = 0;
        for (int hb : horizonBars) {
            max = Math.max(max, hb);
        }
        this.maxHorizonBars = max;
        this.fractions = fractions;
        this.ends = ends;
        this.splitStart = splitStart;
        this.skippedForGaps = skippedForGaps;
        int k = horizonBars.length;
        this.targets = new double[ends.length * k];
        for (int w = 0; w < ends.length; w++) {
            int t = ends[w];
            double c0 = bars.close(t);
            for (int h = 0; h < k; h++) {
                targets[w * k + h] = Math.log(bars.close(t + horizonBars[h]) / c0);
            }
        }
        this.targetScaler = fitTargets();
        this.inputScaler = fitInputs();
    }

    /** Builds with the default 70/15/15 split. */
    public static WindowDataset build(BarSeries bars, int lookback, List<Horizon> horizons) {
        return build(bars, lookback, horizons, SplitFractions.DEFAULT);
    }

    public static WindowDataset build(BarSeries bars, int lookback, List<Horizon> horizons,
                                      SplitFractions fractions) {
        if (bars == null) {
            throw BadInputException.ofField("bars", "no bar series given");
        }
        if (lookback < 2) {
            throw BadInputException.ofField("lookback", "lookback must be at least 2 bars, got " + lookback);
        }
        if (horizons == null || horizons.isEmpty()) {
            throw BadInputException.ofField("horizons", "at least one horizon is needed");
        }
        if (fractions == null) {
            throw BadInputException.ofField("fractions", "no split fractions given");
        }
        Timeframe tf = bars.timeframe();
        List<Horizon> hs = List.copyOf(horizons);
        int[] hb = new int[hs.size()];
        int maxH = 0;
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < hb.length; i++) {
            Horizon h = hs.get(i);
            if (!seen.add(h.minutes())) {
                throw BadInputException.ofField("horizons", "horizon " + h.minutes() + " min is given twice");
            }
            hb[i] = h.bars(tf);
            maxH = Math.max(maxH, hb[i]);
        }
        int n = bars.size();
        long needed = 3L * (lookback + maxH);
        if (n < needed) {
            throw BadInputException.ofField("bars", "the series " + bars.symbol() + " " + tf + " has " + n
                    + " bars; lookback " + lookback + " and horizon " + maxH + " bars need at least 3 x ("
                    + lookback + " + " + maxH + ") = " + needed + " (three splits separated by gaps)");
        }
        int gap = maxH + lookback - 1;
        int firstEnd = lookback - 1;
        int candidates = n - lookback - maxH + 1;
        int usable = candidates - 2 * gap;
        int nTrain = share(usable, fractions.train());
        int nVal = share(usable, fractions.validation());
        int nTest = usable - nTrain - nVal;
        int[] from = {firstEnd, firstEnd + nTrain + gap, firstEnd + nTrain + nVal + 2 * gap};
        int[] count = {nTrain, nVal, nTest};

        // gapsUpTo[i] = number of in-session gaps between consecutive bars j - 1, j with j <= i
        int[] gapsUpTo = new int[n];
        for (int i = 1; i < n; i++) {
            gapsUpTo[i] = gapsUpTo[i - 1] + (FxMarketHours.isSessionGap(bars.ts(i - 1), bars.ts(i), tf) ? 1 : 0);
        }
        int[] ends = new int[usable];
        int[] splitStart = new int[4];
        int w = 0;
        long skipped = 0;
        for (Split s : Split.values()) {
            splitStart[s.ordinal()] = w;
            for (int t = from[s.ordinal()], end = t + count[s.ordinal()]; t < end; t++) {
                if (gapsUpTo[t + maxH] - gapsUpTo[t - lookback + 1] == 0) {
                    ends[w++] = t;
                } else {
                    skipped++;
                }
            }
            if (w == splitStart[s.ordinal()]) {
                throw BadInputException.ofField("bars", "no window in split " + s + ": end indices ["
                        + from[s.ordinal()] + ", " + (from[s.ordinal()] + count[s.ordinal()]) + ") of "
                        + bars.symbol() + " " + tf + " (" + n + " bars, fraction " + fractions.of(s)
                        + ") give " + count[s.ordinal()] + " candidate windows and "
                        + (count[s.ordinal()] == 0 ? "none" : "all cross an in-session gap"));
            }
        }
        splitStart[3] = w;
        return new WindowDataset(bars, lookback, hs, hb, fractions, java.util.Arrays.copyOf(ends, w), splitStart,
                skipped);
    }

    private static int share(int usable, double fraction) {
        return (int) Math.floor(usable * fraction + 1e-9);
    }

    private TargetScaler fitTargets() {
        int k = horizonBars.length;
        Moments[] m = new Moments[k];
        List<String> names = new ArrayList<>(k);
        for (int h = 0; h < k; h++) {
            m[h] = new Moments();
            names.add(Integer.toString(horizons.get(h).minutes()));
        }
        for (int w = splitStart[0]; w < splitStart[1]; w++) {
            for (int h = 0; h < k; h++) {
                m[h].add(targets[w * k + h]);
            }
        }
        return TargetScaler.of(Moments.toStats(names, m));
    }

    private InputScaler fitInputs() {
        Moments[] m = new Moments[FEATURES.length];
        List<String> names = new ArrayList<>(FEATURES.length);
        for (InputFeature f : FEATURES) {
            m[f.ordinal()] = new Moments();
            names.add(f.name());
        }
        // Train windows come in increasing end order: walk the union of their input ranges once.
        int next = 0;
        for (int w = splitStart[0]; w < splitStart[1]; w++) {
            int start = ends[w] - lookback + 1;
            for (int i = Math.max(start, next); i <= ends[w]; i++) {
                m[InputFeature.OPEN.ordinal()].add(bars.open(i));
                m[InputFeature.HIGH.ordinal()].add(bars.high(i));
                m[InputFeature.LOW.ordinal()].add(bars.low(i));
                m[InputFeature.CLOSE.ordinal()].add(bars.close(i));
                m[InputFeature.VOLUME.ordinal()].add(bars.volume(i));
                // a return needs its previous bar in the same window (windows contain no in-session gap)
                if (i > start) {
                    m[InputFeature.LOG_RETURN.ordinal()].add(Math.log(bars.close(i) / bars.close(i - 1)));
                }
            }
            next = ends[w] + 1;
        }
        return InputScaler.of(Moments.toStats(names, m));
    }

    public BarSeries bars() {
        return bars;
    }

    public int lookback() {
        return lookback;
    }

    public List<Horizon> horizons() {
        return horizons;
    }

    /** Each horizon in bars of the series' timeframe, in the order of {@link #horizons()}. */
    public int[] horizonBars() {
        return horizonBars.clone();
    }

    public int maxHorizonBars() {
        return maxHorizonBars;
    }

    public SplitFractions fractions() {
        return fractions;
    }

    /** End indices purged between consecutive splits: max horizon bars + lookback − 1. */
    public int purgedBetweenSplits() {
        return maxHorizonBars + lookback - 1;
    }

    /** All windows, all splits. */
    public int size() {
        return ends.length;
    }

    public int size(Split split) {
        return splitStart[split.ordinal() + 1] - splitStart[split.ordinal()];
    }

    /** Index of the first window of {@code split}; its windows are [firstIndex, firstIndex + size). */
    public int firstIndex(Split split) {
        return splitStart[split.ordinal()];
    }

    public Split split(int window) {
        check(window);
        return window < splitStart[1] ? Split.TRAIN : window < splitStart[2] ? Split.VALIDATION : Split.TEST;
    }

    public Window window(int window) {
        check(window);
        return new Window(window, split(window), ends[window] - lookback + 1, ends[window], bars.ts(ends[window]));
    }

    public List<Window> windows(Split split) {
        Objects.requireNonNull(split, "split");
        List<Window> out = new ArrayList<>(size(split));
        for (int w = splitStart[split.ordinal()]; w < splitStart[split.ordinal() + 1]; w++) {
            out.add(window(w));
        }
        return List.copyOf(out);
    }

    /** Windows skipped because their input or target span crosses a hole inside a trading session. */
    public long skippedForGaps() {
        return skippedForGaps;
    }

    /** Index in the series of the window's last input bar (t). */
    public int endIndex(int window) {
        check(window);
        return ends[window];
    }

    /** Open time of the window's last input bar, epoch ms. */
    public long time(int window) {
        check(window);
        return bars.ts(ends[window]);
    }

    /** Index in the series of the target bar for horizon number {@code horizon}: t + hb. */
    public int targetIndex(int window, int horizon) {
        check(window);
        return ends[window] + horizonBars[horizon];
    }

    /** The raw log returns ln(close[t + hb] / close[t]), one per horizon. */
    public double[] targets(int window) {
        check(window);
        int k = horizonBars.length;
        double[] out = new double[k];
        System.arraycopy(targets, window * k, out, 0, k);
        return out;
    }

    public double[] scaledTargets(int window) {
        double[] out = new double[horizonBars.length];
        copyScaledTargets(window, out, 0);
        return out;
    }

    /** Writes the scaled targets of {@code window} into {@code dst} at {@code offset}, without allocating. */
    public void copyScaledTargets(int window, double[] dst, int offset) {
        check(window);
        int k = horizonBars.length;
        for (int h = 0; h < k; h++) {
            dst[offset + h] = targetScaler.transform(h, targets[window * k + h]);
        }
    }

    /** The window's input bars as a view of the series (no copy). */
    public BarSeries input(int window) {
        check(window);
        return bars.slice(ends[window] - lookback + 1, ends[window] + 1);
    }

    /** Writes the window's {@link #lookback()} input closes into {@code dst} at {@code offset}, without allocating. */
    public void copyInput(int window, double[] dst, int offset) {
        check(window);
        bars.copyCloses(ends[window] - lookback + 1, ends[window] + 1, dst, offset);
    }

    /** Writes one raw input feature of the window's bars into {@code dst} at {@code offset}. */
    public void copyInput(int window, InputFeature feature, double[] dst, int offset) {
        copyFeature(window, feature, false, dst, offset);
    }

    /** Writes one input feature z-scored with the train statistics ({@link #inputScaler()}). */
    public void copyScaledInput(int window, InputFeature feature, double[] dst, int offset) {
        copyFeature(window, feature, true, dst, offset);
    }

    private void copyFeature(int window, InputFeature feature, boolean scaled, double[] dst, int offset) {
        check(window);
        Objects.requireNonNull(feature, "feature");
        if (offset < 0 || offset + lookback > dst.length) {
            throw new IndexOutOfBoundsException("need " + lookback + " values at offset " + offset + " in an array of "
                    + dst.length);
        }
        int start = ends[window] - lookback + 1;
        for (int j = 0; j < lookback; j++) {
            int i = start + j;
            double x = switch (feature) {
                case OPEN -> bars.open(i);
                case HIGH -> bars.high(i);
                case LOW -> bars.low(i);
                case CLOSE -> bars.close(i);
                case VOLUME -> bars.volume(i);
                case LOG_RETURN -> j == 0 ? 0 : Math.log(bars.close(i) / bars.close(i - 1));
            };
            dst[offset + j] = scaled ? inputScaler.transform(feature, x) : x;
        }
    }

    public TargetScaler targetScaler() {
        return targetScaler;
    }

    public InputScaler inputScaler() {
        return inputScaler;
    }

    private void check(int window) {
        if (window < 0 || window >= ends.length) {
            throw new IndexOutOfBoundsException("window " + window + " of " + ends.length);
        }
    }

    @Override
    public String toString() {
        return "WindowDataset[" + bars + ", lookback " + lookback + ", horizons " + horizons + ", train "
                + size(Split.TRAIN) + ", validation " + size(Split.VALIDATION) + ", test " + size(Split.TEST)
                + ", skipped for gaps " + skippedForGaps + "]";
    }
}
