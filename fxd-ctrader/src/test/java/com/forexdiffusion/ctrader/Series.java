package com.forexdiffusion.ctrader;

import com.forexdiffusion.core.BarSeries;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact comparison of two series: every time, price and volume equal as doubles. */
final class Series {
    private Series() {
    }

    static void assertSame(BarSeries actual, BarSeries expected) {
        assertThat(actual.size()).as("bar count").isEqualTo(expected.size());
        assertThat(actual.timestamps()).as("times").containsExactly(expected.timestamps());
        assertThat(actual.opens()).as("opens").containsExactly(expected.opens());
        assertThat(actual.highs()).as("highs").containsExactly(expected.highs());
        assertThat(actual.lows()).as("lows").containsExactly(expected.lows());
        assertThat(actual.closes()).as("closes").containsExactly(expected.closes());
        assertThat(actual.volumes()).as("volumes").containsExactly(expected.volumes());
    }
}
