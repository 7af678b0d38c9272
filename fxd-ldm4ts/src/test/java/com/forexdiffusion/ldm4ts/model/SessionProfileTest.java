package com.forexdiffusion.ldm4ts.model;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The intraday volatility profile against hand-computed factors. */
class SessionProfileTest {
    private static final long DAY0 = 1_704_067_200_000L; // 2024-01-01 00:00 UTC
    private static final long HALF_HOUR = 1_800_000L;

    /** One bar per half hour; the return into a bar is ±2e-3 in even half hours and ±1e-3 in odd ones. */
    private static BarSeries alternating(int n, long step, Timeframe tf) {
        long[] ts = new long[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double logPrice = Math.log(1.1);
        for (int i = 0; i < n; i++) {
            ts[i] = DAY0 + i * step;
            if (i > 0) {
                double size = SessionProfile.slot(ts[i]) % 2 == 0 ? 2e-3 : 1e-3;
                logPrice += (i % 3 == 0 ? -1 : 1) * size;
            }
            c[i] = Math.exp(logPrice);
        }
        return BarSeries.of("EURUSD", tf, ts, c, c, c, c, v);
    }

    private static int[] all(int n) {
        int[] e = new int[n];
        for (int i = 0; i < n; i++) {
            e[i] = i;
        }
        return e;
    }

    @Test
    void eachHalfHourIsItsReturnsRootMeanSquareOverTheOverallOne() {
        SessionProfile p = SessionProfile.fit(alternating(48 * 40 + 1, HALF_HOUR, Timeframe.M30), all(48 * 40 + 1));
        // rms 2e-3 and 1e-3 in equal numbers: overall √((4 + 1) / 2) · 1e-3 = 1.5811e-3.
        double even = 2 / Math.sqrt(2.5);
        double odd = 1 / Math.sqrt(2.5);
        assertThat(p.factors().get(0)).isCloseTo(even, within(1e-9));
        assertThat(p.factors().get(1)).isCloseTo(odd, within(1e-9));
        assertThat(p.factors().get(46)).isCloseTo(even, within(1e-9));
        assertThat(p.at(DAY0 + 3 * HALF_HOUR + 60_000)).isCloseTo(odd, within(1e-9));
        // The two half hours after 00:00 are slots 1 and 2: √((0.4 + 1.6) / 2) = 1.
        assertThat(p.ahead(DAY0, HALF_HOUR, 2)).isCloseTo(1.0, within(1e-9));
        assertThat(p.ahead(DAY0, HALF_HOUR, 1)).isCloseTo(odd, within(1e-9));
    }

    @Test
    void halfHoursWithTooFewReturnsAndDailySeriesGetFactorOne() {
        // Ten days: 10 returns per half hour, below the minimum of 30.
        SessionProfile sparse = SessionProfile.fit(alternating(48 * 10, HALF_HOUR, Timeframe.M30), all(48 * 10));
        assertThat(sparse.factors()).containsOnly(1.0);
        SessionProfile daily = SessionProfile.fit(alternating(200, 48 * HALF_HOUR, Timeframe.D1), all(200));
        assertThat(daily.factors()).containsOnly(1.0);
    }

    /** The profile travels in the checkpoint's config.json: read back, it is the same, and a config without one reads. */
    @Test
    void aSessionScaledConfigKeepsItsProfileThroughItsJson() throws Exception {
        SessionProfile p = SessionProfile.fit(alternating(48 * 40 + 1, HALF_HOUR, Timeframe.M30), all(48 * 40 + 1));
        Ldm4tsConfig c = com.forexdiffusion.ldm4ts.train.TrainerTest.tiny().toBuilder()
                .instanceNorm(Ldm4tsConfig.INSTANCE_SESSION)
                .normalisation(new Normalisation(List.of(0.0, 0.0), List.of(1e-3, 1e-3), 0, 1e-3, 1.0, p)).build();
        var json = com.forexdiffusion.ldm4ts.checkpoint.Checkpoint.JSON;
        Ldm4tsConfig back = json.readValue(json.writeValueAsString(c), Ldm4tsConfig.class);
        assertThat(back.sessionScaled()).isTrue();
        assertThat(back.normalisation().session()).isEqualTo(p);
        Ldm4tsConfig plain = com.forexdiffusion.ldm4ts.train.TrainerTest.tiny().withNormalisation(
                new Normalisation(List.of(0.0, 0.0), List.of(1e-3, 1e-3), 0, 1e-3, 1.0));
        Ldm4tsConfig plainBack = json.readValue(json.writeValueAsString(plain), Ldm4tsConfig.class);
        assertThat(plainBack.normalisation().session()).isNull();
        assertThat(plainBack.revin()).isFalse();
    }

    @Test
    void aProfileNeedsFortyEightPositiveFactors() {
        assertThatThrownBy(() -> new SessionProfile(List.of(1.0, 2.0))).hasMessageContaining("48");
        List<Double> f = new ArrayList<>(Collections.nCopies(48, 1.0));
        f.set(5, 0.0);
        assertThatThrownBy(() -> new SessionProfile(f)).hasMessageContaining("positive");
    }
}
