package com.forexdiffusion.data.synthetic;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticGeneratorTest {
    static final long START = Instant.parse("2023-01-02T00:00:00Z").toEpochMilli();

    @Test
    void theSameSeedGivesTheSameBarsAndAnotherSeedOthers() {
        BarSeries a = new SyntheticGenerator(SyntheticConfig.defaults(42)).generate("EURUSD", START, 20);
        BarSeries b = new SyntheticGenerator(SyntheticConfig.defaults(42)).generate("EURUSD", START, 20);
        BarSeries c = new SyntheticGenerator(SyntheticConfig.defaults(43)).generate("EURUSD", START, 20);
        assertThat(a.closes()).isEqualTo(b.closes());
        assertThat(a.volumes()).isEqualTo(b.volumes());
        assertThat(a.closes()).isNotEqualTo(c.closes());
    }

    @Test
    void everyBarIsValidAndNoneFallsInTheWeekendClosure() {
        BarSeries s = new SyntheticGenerator(SyntheticConfig.defaults(1)).generate("EURUSD", START, 60);
        // 60 days from a Monday: 8 full weeks (5 × 1440 trading minutes each) plus 4 weekdays.
        assertThat(s.size()).isBetween(8 * 7200, 8 * 7200 + 4 * 1440);
        for (int i = 0; i < s.size(); i++) {
            assertThat(FxMarketHours.isOpen(s.ts(i))).as("bar %d at %s", i, s.bar(i).time()).isTrue();
            assertThat(s.high(i)).isGreaterThanOrEqualTo(Math.max(s.open(i), s.close(i)));
            assertThat(s.low(i)).isLessThanOrEqualTo(Math.min(s.open(i), s.close(i)));
            assertThat(s.low(i)).isPositive();
            assertThat(s.volume(i)).isGreaterThanOrEqualTo(1);
            // Prices carry at most 5 decimals.
            assertThat(Math.abs(s.close(i) * 1e5 - Math.rint(s.close(i) * 1e5))).isLessThan(1e-6);
        }
    }

    @Test
    void returnsHaveFatTails() {
        BarSeries s = new SyntheticGenerator(SyntheticConfig.defaults(7).withSeasonality(false).withRegimes(false))
                .generate("EURUSD", START, 120);
        double[] r = logReturns(s);
        double m = mean(r);
        double m2 = 0;
        double m4 = 0;
        for (double x : r) {
            m2 += (x - m) * (x - m);
            m4 += Math.pow(x - m, 4);
        }
        m2 /= r.length;
        m4 /= r.length;
        assertThat(m4 / (m2 * m2)).as("kurtosis").isGreaterThan(4.0);
    }

    @Test
    void varianceMatchesTheGarchUnconditionalVariance() {
        SyntheticConfig cfg = new SyntheticConfig(11, 1.1, 0.08, 0.05, 0.90, 5, false, false, 10);
        BarSeries s = new SyntheticGenerator(cfg).generate("EURUSD", START, 700);
        double[] r = logReturns(s);
        double m = mean(r);
        double var = 0;
        for (double x : r) {
            var += (x - m) * (x - m);
        }
        var /= r.length - 1;
        // omega / (1 - alpha - beta) equals the target per-minute variance by construction of omega.
        double expected = 0.08 * 0.08 / (5 * 1440 * 52);
        assertThat(var / expected).isBetween(0.9, 1.1);
    }

    @Test
    void theLondonNewYorkOverlapIsBusierThanTheAsianEvening() {
        BarSeries s = new SyntheticGenerator(SyntheticConfig.defaults(5).withRegimes(false)).generate("EURUSD", START, 90);
        double busy = 0;
        double quiet = 0;
        int nb = 0;
        int nq = 0;
        for (int i = 1; i < s.size(); i++) {
            if (s.ts(i) - s.ts(i - 1) != 60_000L) {
                continue;
            }
            int hour = Instant.ofEpochMilli(s.ts(i)).atZone(ZoneOffset.UTC).getHour();
            double a = Math.abs(Math.log(s.close(i) / s.close(i - 1)));
            if (hour >= 13 && hour < 16) {
                busy += a;
                nb++;
            } else if (hour >= 22 || hour < 1) {
                quiet += a;
                nq++;
            }
        }
        assertThat(busy / nb).isGreaterThan(1.8 * quiet / nq);
    }

    @Test
    void regimesAreRecordedPerBarAndAllVisited() {
        SyntheticGenerator.Result r = new SyntheticGenerator(SyntheticConfig.defaults(3)).generateWithRegimes("EURUSD",
                START, 120);
        assertThat(r.regimes()).hasSize(r.bars().size());
        assertThat(new java.util.HashSet<>(java.util.List.of(r.regimes()))).containsExactlyInAnyOrder(MarketRegime.values());
    }

    @Test
    void badParametersAreRejected() {
        assertThatThrownBy(() -> new SyntheticConfig(1, 1.1, 0.08, 0.5, 0.6, 5, true, true, 5))
                .hasMessageContaining("alpha + beta < 1");
        assertThatThrownBy(() -> new SyntheticConfig(1, 1.1, 0.08, 0.05, 0.9, 2, true, true, 5))
                .hasMessageContaining("degrees of freedom");
    }

    private static double[] logReturns(BarSeries s) {
        double[] r = new double[s.size() - 1];
        for (int i = 1; i < s.size(); i++) {
            r[i - 1] = Math.log(s.close(i) / s.close(i - 1));
        }
        return r;
    }

    private static double mean(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        return m / x.length;
    }
}
