package com.forexdiffusion.forecast.longhorizon;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.dataset.Split;
import com.forexdiffusion.forecast.dataset.Window;
import com.forexdiffusion.forecast.dataset.WindowDataset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LongHorizonPricesTest {
    private static final int L = 12;
    private static final int H = 3;

    /**
     * Two channels, 100 rows: train [0, 60), validation windows from row 60 − L to 80, test from 80 − L to 100.
     * A value encodes its channel, split and row (train 1.row, validation 2.row, test 3.row; channel 2 negative),
     * so any bar of the training series tells where it came from.
     */
    private static LongHorizonData data() {
        double[][] v = new double[100][2];
        for (int r = 0; r < 100; r++) {
            int split = r < 60 ? 1 : r < 80 ? 2 : 3;
            v[r][0] = split + r / 1000.0;
            v[r][1] = -(split + r / 1000.0);
        }
        return new LongHorizonData("ETTh_test.csv", v, new int[] {0, 60 - L, 80 - L}, new int[] {60, 80, 100},
                new double[2], new double[] {1, 1});
    }

    @Test
    void pricesArePositiveAndTheirLogReturnsAreScaledValueChanges() {
        assertThat(LongHorizonPrices.price(-3.0)).isCloseTo(Math.exp(-0.03), within(1e-15));
        assertThat(LongHorizonPrices.level(LongHorizonPrices.price(-2.75))).isCloseTo(-2.75, within(1e-12));
        // ln(p(0.5) / p(−1.5)) = 0.01 · (0.5 − (−1.5)) = 0.02
        assertThat(Math.log(LongHorizonPrices.price(0.5) / LongHorizonPrices.price(-1.5))).isCloseTo(0.02, within(1e-15));
    }

    @Test
    void theTimeframeComesFromTheFileName() {
        assertThat(LongHorizonPrices.timeframe("ETTh1.csv")).isEqualTo(Timeframe.H1);
        assertThat(LongHorizonPrices.timeframe("ETTm1.csv")).isEqualTo(Timeframe.M15);
        assertThat(LongHorizonPrices.timeframe("weather.csv")).isEqualTo(Timeframe.M10);
        assertThat(LongHorizonPrices.timeframe("exchange_rate.txt")).isEqualTo(Timeframe.D1);
        assertThatThrownBy(() -> LongHorizonPrices.timeframe("traffic.csv")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("traffic.csv");
    }

    @Test
    void aWindowIsOneChannelsRowsAsBars() {
        BarSeries w = LongHorizonPrices.window(data(), Timeframe.H1, 1, 70, 70 + L);
        assertThat(w.size()).isEqualTo(L);
        assertThat(LongHorizonPrices.level(w.close(0))).isCloseTo(-2.070, within(1e-12));
        assertThat(w.open(5)).isEqualTo(w.close(5));
        assertThat(w.ts(1) - w.ts(0)).isEqualTo(3_600_000L);
    }

    @Test
    void theTrainingSeriesHoldsNoTestRowAndItsSplitsFollowTheProtocolSplits() {
        LongHorizonData d = data();
        LongHorizonPrices.Training t = LongHorizonPrices.training(d, Timeframe.H1, L, H);
        BarSeries s = t.series();
        // 2 channels × (60 train rows + 32 validation rows), and the L + H rows of the unused test block
        assertThat(s.size()).isEqualTo(2 * (60 + 20 + L) + L + H);
        for (int i = 0; i < s.size(); i++) {
            assertThat(Math.abs(LongHorizonPrices.level(s.close(i)))).isLessThan(3.0);
        }
        List<Horizon> hs = new ArrayList<>();
        for (int k = 1; k <= H; k++) {
            hs.add(new Horizon(60 * k));
        }
        WindowDataset ds = WindowDataset.build(s, L, hs, t.fractions());
        // Every window of a split reads (inputs and targets) rows of that protocol split of one channel only.
        for (Split split : List.of(Split.TRAIN, Split.VALIDATION, Split.TEST)) {
            int protocolSplit = split == Split.TRAIN ? 1 : 2;
            for (Window w : ds.windows(split)) {
                double first = LongHorizonPrices.level(s.close(w.startIndex()));
                double last = LongHorizonPrices.level(s.close(w.endIndex() + H));
                assertThat(Math.signum(first)).isEqualTo(Math.signum(last));
                if (split == Split.TRAIN) {
                    assertThat(splitOf(first)).isEqualTo(1);
                    assertThat(splitOf(last)).isEqualTo(1);
                } else {
                    // validation windows start L rows before the split, as the protocol's do; their targets are in it
                    assertThat(splitOf(last)).isEqualTo(protocolSplit);
                }
            }
        }
        // Per channel: 60 − L − H + 1 = 46 training windows, 32 − L − H + 1 = 18 validation windows.
        assertThat(ds.size(Split.TRAIN)).isEqualTo(2 * 46);
        assertThat(ds.size(Split.VALIDATION)).isEqualTo(2 * 18);
        assertThat(ds.size(Split.TEST)).isEqualTo(1);
        // The target of a window is SCALE × the level change: channel 1's first window ends at row L − 1.
        Window first = ds.windows(Split.TRAIN).get(0);
        assertThat(first.endIndex()).isEqualTo(L - 1);
        double[] y = ds.targets(first.index());
        assertThat(y[2]).isCloseTo(0.01 * ((1 + (L - 1 + 3) / 1000.0) - (1 + (L - 1) / 1000.0)), within(1e-12));
    }

    /** The protocol split a value encodes (exp and log lose the last bits, hence the tolerance). */
    private static int splitOf(double level) {
        return (int) Math.floor(Math.abs(level) + 1e-9);
    }

    @Test
    void splitsTooShortForTheHorizonAreRefusedNamingTheData() {
        assertThatThrownBy(() -> LongHorizonPrices.training(data(), Timeframe.H1, L, 30))
                .isInstanceOf(BadInputException.class).hasMessageContaining("ETTh_test.csv");
    }
}
