package com.forexdiffusion.forecast.dataset;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WindowDatasetTest {
    private static final long MIN = 60_000L;
    /** Monday 2024-01-08 00:00 UTC: the market is open all day. */
    private static final long MONDAY = Instant.parse("2024-01-08T00:00:00Z").toEpochMilli();
    private static final List<Horizon> H1_2 = List.of(Horizon.ofMinutes(1), Horizon.ofMinutes(2));
    private static final SplitFractions THIRDS = new SplitFractions(1.0 / 3, 1.0 / 3, 1.0 / 3);

    /** M1 bars at the given times with close c[i], open = previous close, a small range and volume. */
    private static BarSeries series(long[] ts, double[] close) {
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M1, ts.length);
        for (int i = 0; i < ts.length; i++) {
            double o = i == 0 ? close[0] : close[i - 1];
            b.add(ts[i], o, Math.max(o, close[i]) + 0.0002, Math.min(o, close[i]) - 0.0002, close[i], 100 + i % 7);
        }
        return b.build();
    }

    private static long[] minutes(long from, int n, IntPredicate skip) {
        long[] ts = new long[n];
        int k = 0;
        for (int m = 0; k < n; m++) {
            if (!skip.test(m)) {
                ts[k++] = from + m * MIN;
            }
        }
        return ts;
    }

    private static double[] wavyCloses(int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = 1.10 + 0.01 * Math.sin(i * 0.37) + 0.0001 * i;
        }
        return c;
    }

    private static BarSeries plain(int n) {
        return series(minutes(MONDAY, n, m -> false), wavyCloses(n));
    }

    private static int[] ends(WindowDataset d, Split s) {
        return d.windows(s).stream().mapToInt(Window::endIndex).toArray();
    }

    private static int[] range(int fromInclusive, int toInclusive) {
        int[] r = new int[toInclusive - fromInclusive + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = fromInclusive + i;
        }
        return r;
    }

    @Test
    void targetsOfDoublingClosesAreLn2PerBar() {
        int n = 12; // = 3 * (lookback 2 + 2 horizon bars), the minimum
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = Math.pow(2, i); // 1, 2, 4, 8, ...
        }
        WindowDataset d = WindowDataset.build(series(minutes(MONDAY, n, m -> false), c), 2, H1_2, THIRDS);
        // candidates t = 1..9 (9), purge 2 + 2 - 1 = 3 between splits, usable 3: one window per split
        assertThat(d.size()).isEqualTo(3);
        assertThat(ends(d, Split.TRAIN)).containsExactly(1);
        assertThat(ends(d, Split.VALIDATION)).containsExactly(5);
        assertThat(ends(d, Split.TEST)).containsExactly(9);
        for (int w = 0; w < 3; w++) {
            assertThat(d.targets(w)).containsExactly(Math.log(2), 2 * Math.log(2));
        }
        double[] dst = new double[4];
        d.copyInput(1, dst, 1);
        assertThat(dst).containsExactly(0, 16, 32, 0);
        assertThat(d.input(2).closes()).containsExactly(256, 512);
        assertThat(d.time(1)).isEqualTo(MONDAY + 5 * MIN);
        assertThat(d.targetIndex(2, 1)).isEqualTo(11);
    }

    @Test
    void targetsMatchHandComputedReturns() {
        // closes 1.00, 1.10, 1.21, 0.99, ... at t = 4 (lookback 5): 1m -> index 5, 2m -> index 6
        int n = 21;
        double[] c = new double[n];
        java.util.Arrays.fill(c, 1.0);
        c[4] = 1.25;
        c[5] = 1.30;
        c[6] = 1.20;
        WindowDataset d = WindowDataset.build(series(minutes(MONDAY, n, m -> false), c), 5, H1_2, THIRDS);
        assertThat(d.endIndex(0)).isEqualTo(4);
        assertThat(d.targets(0)[0]).isCloseTo(Math.log(1.30 / 1.25), within(1e-15));
        assertThat(d.targets(0)[1]).isCloseTo(Math.log(1.20 / 1.25), within(1e-15));
        assertThat(d.targets(0)[1]).isCloseTo(-0.040821994520255166, within(1e-15));
    }

    @Test
    void windowCountsAndSplitSizesByHand() {
        // n = 100, L = 5, H = 2: candidates t = 4..97 (94), purge 5 + 2 - 1 = 6, usable 94 - 12 = 82,
        // train floor(57.4) = 57 (t = 4..60), validation floor(12.3) = 12 (t = 67..78), test 13 (t = 85..97)
        WindowDataset d = WindowDataset.build(plain(100), 5, H1_2);
        assertThat(d.size(Split.TRAIN)).isEqualTo(57);
        assertThat(d.size(Split.VALIDATION)).isEqualTo(12);
        assertThat(d.size(Split.TEST)).isEqualTo(13);
        assertThat(d.size()).isEqualTo(82);
        assertThat(d.skippedForGaps()).isZero();
        assertThat(d.purgedBetweenSplits()).isEqualTo(6);
        assertThat(ends(d, Split.TRAIN)).containsExactly(range(4, 60));
        assertThat(ends(d, Split.VALIDATION)).containsExactly(range(67, 78));
        assertThat(ends(d, Split.TEST)).containsExactly(range(85, 97));
        assertThat(d.firstIndex(Split.VALIDATION)).isEqualTo(57);
        assertThat(d.split(57)).isEqualTo(Split.VALIDATION);
        assertThat(d.window(69)).isEqualTo(new Window(69, Split.TEST, 81, 85, MONDAY + 85 * MIN));

        // M5, lookback 10, horizons 15 and 60 min = 3 and 12 bars, n = 200: candidates 200 - 10 - 12 + 1 = 179,
        // purge 21, usable 137: train floor(95.9) = 95, validation floor(20.55) = 20, test 22
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M5, 200);
        for (int i = 0; i < 200; i++) {
            b.add(MONDAY + i * 5 * MIN, 1.1, 1.2, 1.0, 1.1 + i * 1e-4, 1);
        }
        WindowDataset m5 = WindowDataset.build(b.build(), 10, List.of(Horizon.ofMinutes(15), Horizon.ofMinutes(60)));
        assertThat(m5.horizonBars()).containsExactly(3, 12);
        assertThat(m5.size(Split.TRAIN)).isEqualTo(95);
        assertThat(m5.size(Split.VALIDATION)).isEqualTo(20);
        assertThat(m5.size(Split.TEST)).isEqualTo(22);
        assertThat(m5.endIndex(0)).isEqualTo(9);
        assertThat(m5.endIndex(m5.size() - 1)).isEqualTo(199 - 12);
    }

    @Test
    void splitsShareNoBarsAcrossTheGap() {
        for (int lookback : new int[]{2, 5, 17}) {
            WindowDataset d = WindowDataset.build(plain(400), lookback,
                    List.of(Horizon.ofMinutes(3), Horizon.ofMinutes(1), Horizon.ofMinutes(7)));
            int[] hb = d.horizonBars();
            for (Split[] pair : new Split[][]{{Split.TRAIN, Split.VALIDATION}, {Split.VALIDATION, Split.TEST},
                    {Split.TRAIN, Split.TEST}}) {
                List<Integer> targetsOfEarlier = new ArrayList<>();
                for (Window w : d.windows(pair[0])) {
                    for (int h = 0; h < hb.length; h++) {
                        int ti = d.targetIndex(w.index(), h);
                        assertThat(ti).isEqualTo(w.endIndex() + hb[h]);
                        targetsOfEarlier.add(ti);
                    }
                }
                for (Window v : d.windows(pair[1])) {
                    for (int ti : targetsOfEarlier) {
                        // not an input bar of the later window ...
                        assertThat(ti < v.startIndex() || ti > v.endIndex()).as("bar %d in %s", ti, v).isTrue();
                        // ... nor one of its target bars
                        for (int h = 0; h < hb.length; h++) {
                            assertThat(ti).isNotEqualTo(d.targetIndex(v.index(), h));
                        }
                    }
                }
            }
            // the gap is tight: the next split starts right after the previous split's last target bar
            int lastTrain = d.firstIndex(Split.VALIDATION) - 1;
            int firstVal = d.firstIndex(Split.VALIDATION);
            assertThat(d.window(firstVal).startIndex()).isEqualTo(d.endIndex(lastTrain) + 7 + 1);
        }
    }

    @Test
    void skipsExactlyTheWindowsAcrossAnInSessionHole() {
        // minute 50 is missing on a Monday: the hole lies between bar indices 49 and 50. A window ending at t
        // spans [t - 4, t + 2], so t = 48..53 cross it: six train windows are skipped.
        WindowDataset d = WindowDataset.build(series(minutes(MONDAY, 100, m -> m == 50), wavyCloses(100)), 5, H1_2);
        assertThat(d.skippedForGaps()).isEqualTo(6);
        int[] expectedTrain = java.util.stream.IntStream.rangeClosed(4, 60).filter(t -> t < 48 || t > 53).toArray();
        assertThat(ends(d, Split.TRAIN)).containsExactly(expectedTrain);
        assertThat(ends(d, Split.VALIDATION)).containsExactly(range(67, 78));
        assertThat(ends(d, Split.TEST)).containsExactly(range(85, 97));

        // a hole between indices 63 and 64 touches t = 62..67; 61..66 are purged anyway, so only t = 67 counts
        WindowDataset d2 = WindowDataset.build(series(minutes(MONDAY, 100, m -> m == 64), wavyCloses(100)), 5, H1_2);
        assertThat(d2.skippedForGaps()).isEqualTo(1);
        assertThat(ends(d2, Split.VALIDATION)).containsExactly(range(68, 78));
    }

    /** The last 60 minutes before the Friday close (17:00 New York = 22:00 UTC in January), then Sunday from 22:00. */
    private static long[] acrossWeekend(int fridayBars, int sundayBars, IntPredicate dropIndex) {
        long fridayClose = Instant.parse("2024-01-12T22:00:00Z").toEpochMilli();
        long sundayOpen = Instant.parse("2024-01-14T22:00:00Z").toEpochMilli();
        assertThat(FxMarketHours.isOpen(fridayClose - 1)).isTrue();
        assertThat(FxMarketHours.isOpen(fridayClose)).isFalse();
        assertThat(FxMarketHours.isOpen(sundayOpen - 1)).isFalse();
        assertThat(FxMarketHours.isOpen(sundayOpen)).isTrue();
        List<Long> ts = new ArrayList<>();
        for (int i = 0; i < fridayBars; i++) {
            ts.add(fridayClose - (fridayBars - i) * MIN);
        }
        for (int i = 0; i < sundayBars; i++) {
            ts.add(sundayOpen + i * MIN);
        }
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            if (!dropIndex.test(i)) {
                kept.add(ts.get(i));
            }
        }
        return kept.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void aWeekendIsNotAGapAndHorizonsCountTradingTime() {
        long[] ts = acrossWeekend(60, 60, i -> false);
        WindowDataset d = WindowDataset.build(series(ts, wavyCloses(120)), 5, H1_2);
        assertThat(d.skippedForGaps()).isZero();
        assertThat(d.size()).isEqualTo(120 - 5 - 2 + 1 - 12);
        // the window ending at Friday 21:58 UTC: its 2-minute target is the first Sunday bar
        int w = 58 - 4;
        assertThat(d.endIndex(w)).isEqualTo(58);
        assertThat(d.split(w)).isEqualTo(Split.TRAIN);
        assertThat(d.targetIndex(w, 1)).isEqualTo(60);
        assertThat(d.bars().ts(60)).isEqualTo(Instant.parse("2024-01-14T22:00:00Z").toEpochMilli());
        assertThat(d.targets(w)[1]).isEqualTo(Math.log(d.bars().close(60) / d.bars().close(58)));
        // a window whose inputs span the weekend
        assertThat(d.input(58).timestamps()).contains(ts[59], ts[60]);
    }

    @Test
    void aMissingBarNextToTheWeekendIsAGap() {
        // Friday 21:59 UTC missing: that slot is still in session, so the hole between 21:58 and Sunday counts;
        // pair (58, 59) after the drop, windows t = 57..62 cross it (t - 4 <= 58 and t + 2 >= 59), all in train
        long[] friday = acrossWeekend(60, 61, i -> i == 59);
        WindowDataset d = WindowDataset.build(series(friday, wavyCloses(120)), 5, H1_2);
        assertThat(d.skippedForGaps()).isEqualTo(6);
        assertThat(ends(d, Split.TRAIN)).doesNotContain(57, 58, 59, 60, 61, 62).contains(56, 63);
        // Sunday 22:00 UTC missing: likewise in session; pair (59, 60), t = 58..63
        long[] sunday = acrossWeekend(60, 61, i -> i == 60);
        assertThat(WindowDataset.build(series(sunday, wavyCloses(120)), 5, H1_2).skippedForGaps()).isEqualTo(6);
    }


    @Test
    void sessionGapRuleMatchesTheSlotByslotDefinition() {
        Random r = new Random(7);
        long from = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli(); // spans the March DST change
        for (Timeframe tf : new Timeframe[]{Timeframe.M1, Timeframe.M15, Timeframe.H1, Timeframe.H4, Timeframe.D1}) {
            for (int k = 0; k < 400; k++) {
                long prev = tf.alignDown(from + (long) (r.nextDouble() * 30 * 86_400_000L));
                long next = prev + tf.millis() * (1 + r.nextInt((int) Math.max(2, 4 * 86_400_000L / tf.millis())));
                assertThat(FxMarketHours.isSessionGap(prev, next, tf))
                        .as("%s %s -> %s", tf, Instant.ofEpochMilli(prev), Instant.ofEpochMilli(next))
                        .isEqualTo(FxMarketHours.missingSessionBars(prev, next, tf) > 0);
            }
        }
    }

    @Test
    void noLookahead() {
        BarSeries base = plain(300);
        WindowDataset d = WindowDataset.build(base, 8, H1_2);
        for (int w = 0; w < d.size(); w++) {
            for (int h = 0; h < 2; h++) {
                assertThat(d.targetIndex(w, h)).isGreaterThan(d.endIndex(w));
            }
        }
        int w = d.firstIndex(Split.TEST) + 3;
        int t = d.endIndex(w);
        double[] c = base.closes();
        for (int i = t + 1; i < c.length; i++) {
            c[i] *= 1.5;
        }
        WindowDataset changed = WindowDataset.build(series(base.timestamps(), c), 8, H1_2);
        assertThat(changed.endIndex(w)).isEqualTo(t);
        assertThat(changed.input(w).closes()).containsExactly(d.input(w).closes());
        for (InputFeature f : InputFeature.values()) {
            double[] a = new double[8];
            double[] b = new double[8];
            d.copyScaledInput(w, f, a, 0);
            changed.copyScaledInput(w, f, b, 0);
            assertThat(b).as("%s", f).containsExactly(a);
        }
        assertThat(changed.targets(w)).isNotEqualTo(d.targets(w));
    }

    @Test
    void scalingIsFittedOnTrainOnly() {
        BarSeries base = plain(300);
        WindowDataset d = WindowDataset.build(base, 8, H1_2);

        // independent fit: mean and population std of each horizon's return over the train windows
        for (int h = 0; h < 2; h++) {
            int hb = h + 1;
            List<Double> r = new ArrayList<>();
            for (Window w : d.windows(Split.TRAIN)) {
                r.add(Math.log(base.close(w.endIndex() + hb) / base.close(w.endIndex())));
            }
            double mean = r.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double var = r.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / r.size();
            ScalingStats s = d.targetScaler().stats();
            assertThat(s.names()).containsExactly("1", "2");
            assertThat(s.mean()[h]).isCloseTo(mean, within(1e-15));
            assertThat(s.std()[h]).isCloseTo(Math.sqrt(var), within(1e-14));
            assertThat(s.count()[h]).isEqualTo(d.size(Split.TRAIN));
        }
        // input CLOSE statistics over the distinct train input bars [0, last train end]
        int lastTrainEnd = d.endIndex(d.firstIndex(Split.VALIDATION) - 1);
        double sum = 0;
        for (int i = 0; i <= lastTrainEnd; i++) {
            sum += base.close(i);
        }
        assertThat(d.inputScaler().stats().mean()[InputFeature.CLOSE.ordinal()])
                .isCloseTo(sum / (lastTrainEnd + 1), within(1e-12));
        assertThat(d.inputScaler().stats().count()[InputFeature.CLOSE.ordinal()]).isEqualTo(lastTrainEnd + 1);

        // a bar used only by validation or test windows leaves every statistic unchanged
        int lastTrainTarget = lastTrainEnd + 2;
        for (int bar : new int[]{lastTrainTarget + 1, d.endIndex(d.firstIndex(Split.TEST)), 299}) {
            WindowDataset m = WindowDataset.build(withClose(base, bar, 2.0), 8, H1_2);
            assertThat(m.targetScaler().stats()).as("bar %d", bar).isEqualTo(d.targetScaler().stats());
            assertThat(m.inputScaler().stats()).as("bar %d", bar).isEqualTo(d.inputScaler().stats());
        }
        // a train input bar, or a train target bar just past the last train input, changes them
        for (int bar : new int[]{10, lastTrainTarget}) {
            WindowDataset m = WindowDataset.build(withClose(base, bar, 2.0), 8, H1_2);
            assertThat(m.targetScaler().stats()).as("bar %d", bar).isNotEqualTo(d.targetScaler().stats());
        }
    }

    private static BarSeries withClose(BarSeries s, int index, double close) {
        double[] c = s.closes();
        c[index] = close;
        return series(s.timestamps(), c);
    }

    @Test
    void scaledTargetsRoundTripAndRestoreFromStats() {
        WindowDataset d = WindowDataset.build(plain(300), 8, H1_2);
        TargetScaler restored = TargetScaler.of(new ScalingStats(d.targetScaler().stats().names(),
                d.targetScaler().stats().mean(), d.targetScaler().stats().std(), d.targetScaler().stats().count()));
        for (int w = 0; w < d.size(); w++) {
            double[] raw = d.targets(w);
            double[] z = d.scaledTargets(w);
            double[] back = new double[2];
            restored.inverse(z, back);
            assertThat(back[0]).isCloseTo(raw[0], within(1e-15));
            assertThat(back[1]).isCloseTo(raw[1], within(1e-15));
        }
        // over the train windows the scaled targets have mean 0 and population std 1
        double s = 0;
        double ss = 0;
        int n = d.size(Split.TRAIN);
        for (int w = 0; w < n; w++) {
            double z = d.scaledTargets(w)[1];
            s += z;
            ss += z * z;
        }
        assertThat(s / n).isCloseTo(0, within(1e-12));
        assertThat(ss / n).isCloseTo(1, within(1e-12));
        assertThat(InputScaler.of(d.inputScaler().stats()).stats()).isEqualTo(d.inputScaler().stats());
    }

    @Test
    void inputFeatures() {
        BarSeries base = plain(100);
        WindowDataset d = WindowDataset.build(base, 5, H1_2);
        double[] r = new double[6];
        d.copyInput(3, InputFeature.LOG_RETURN, r, 1);
        int t = d.endIndex(3);
        assertThat(r[1]).isZero();
        assertThat(r[5]).isEqualTo(Math.log(base.close(t) / base.close(t - 1)));
        double[] v = new double[5];
        d.copyInput(3, InputFeature.VOLUME, v, 0);
        assertThat(v).containsExactly(base.slice(t - 4, t + 1).volumes());
        assertThatThrownBy(() -> d.copyInput(3, InputFeature.OPEN, new double[4], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        // LOG_RETURN fitted on pairs inside train windows: distinct bars 1..last train end
        int lastTrainEnd = d.endIndex(d.firstIndex(Split.VALIDATION) - 1);
        assertThat(d.inputScaler().stats().count()[InputFeature.LOG_RETURN.ordinal()]).isEqualTo(lastTrainEnd);
    }

    @Test
    void clearErrors() {
        BarSeries s = plain(100);
        assertThatThrownBy(() -> WindowDataset.build(s, 1, H1_2))
                .isInstanceOf(BadInputException.class).hasMessageContaining("lookback").hasMessageContaining("got 1");
        assertThatThrownBy(() -> WindowDataset.build(plain(20), 5, H1_2))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("field 'bars'").hasMessageContaining("has 20 bars").hasMessageContaining("= 21");
        assertThatThrownBy(() -> new SplitFractions(0.7, 0.2, 0.2))
                .isInstanceOf(BadInputException.class).hasMessageContaining("fractions").hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> new SplitFractions(0, 0.5, 0.5))
                .isInstanceOf(BadInputException.class).hasMessageContaining("fractions.train").hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> new SplitFractions(0.5, Double.NaN, 0.5))
                .isInstanceOf(BadInputException.class).hasMessageContaining("fractions.validation");
        assertThatThrownBy(() -> WindowDataset.build(s, 5, List.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("horizons");
        assertThatThrownBy(() -> WindowDataset.build(s, 5, List.of(Horizon.ofMinutes(2), Horizon.ofMinutes(2))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("horizon 2 min is given twice");
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M5, 100);
        for (int i = 0; i < 100; i++) {
            b.add(MONDAY + i * 5 * MIN, 1, 1, 1, 1, 1);
        }
        assertThatThrownBy(() -> WindowDataset.build(b.build(), 5, List.of(Horizon.ofMinutes(7))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("field 'horizon'")
                .hasMessageContaining("7 min");
        // 12 bars, lookback 2, horizon 2: usable 3, 70/15/15 gives validation floor(0.45) = 0 windows
        assertThatThrownBy(() -> WindowDataset.build(plain(12), 2, H1_2))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no window in split VALIDATION");
        // every validation candidate (t = 67..78) crosses a hole between minutes 70 and 72
        assertThatThrownBy(() -> WindowDataset.build(
                series(minutes(MONDAY, 100, m -> m % 4 == 0 && m > 64 && m < 90), wavyCloses(100)), 5, H1_2))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no window in split VALIDATION")
                .hasMessageContaining("in-session gap");
        assertThatThrownBy(() -> WindowDataset.build(s, 5, H1_2).targets(82))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
