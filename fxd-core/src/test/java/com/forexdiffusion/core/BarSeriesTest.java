package com.forexdiffusion.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarSeriesTest {
    private static BarSeries fiveBars() {
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M1, 2);
        for (int i = 0; i < 5; i++) {
            double c = 1.1 + i * 0.001;
            b.add(i * 60_000L, c, c + 0.0005, c - 0.0005, c + 0.0001, 10 + i);
        }
        return b.build();
    }

    @Test
    void builderGrowsAndKeepsValues() {
        BarSeries s = fiveBars();
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.bar(3)).isEqualTo(new Bar(180_000L, 1.103, 1.1035, 1.1025, 1.1031, 13));
        assertThat(s.firstTs()).isZero();
        assertThat(s.lastTs()).isEqualTo(240_000L);
    }

    @Test
    void builderRejectsUnorderedBars() {
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M1, 4).add(60_000, 1, 1, 1, 1, 0);
        assertThatThrownBy(() -> b.add(60_000, 1, 1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BarSeries.of("X", Timeframe.M1, new long[]{2, 1}, new double[2], new double[2],
                new double[2], new double[2], new double[2])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sliceIsAViewWithItsOwnIndexing() {
        BarSeries s = fiveBars().slice(1, 4);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.ts(0)).isEqualTo(60_000L);
        assertThat(s.closes()).containsExactly(1.1011, 1.1021, 1.1031);
        assertThat(s.indexOf(120_000L)).isEqualTo(1);
        assertThat(s.indexOf(0L)).isEqualTo(-1);
        assertThatThrownBy(() -> s.close(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void searchesByTime() {
        BarSeries s = fiveBars();
        assertThat(s.indexAtOrBefore(150_000L)).isEqualTo(2);
        assertThat(s.indexAtOrBefore(120_000L)).isEqualTo(2);
        assertThat(s.indexAtOrBefore(-1L)).isEqualTo(-1);
        assertThat(s.lowerBound(121_000L)).isEqualTo(3);
        assertThat(s.between(60_000L, 180_000L).size()).isEqualTo(2);
        double[] dst = new double[4];
        s.copyCloses(1, 3, dst, 1);
        assertThat(dst).containsExactly(0, 1.1011, 1.1021, 0);
    }
}
