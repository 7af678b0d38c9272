package com.forexdiffusion.data.synthetic;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    void aPlantedAutoregressionGivesBlockReturnsItsLagOneAutocorrelation() {
        // An AR(1) process has lag-one autocorrelation equal to its coefficient; without the component it is 0.
        SyntheticConfig base = new SyntheticConfig(5, 1.1, 0.08, 0.05, 0.90, 5, false, false, 10);
        double planted = blockAutocorrelation(new SyntheticGenerator(base.withAutoregression(
                new SyntheticConfig.Autoregression(0.3, 15))).generate("EURUSD", START, 365), 15);
        double none = blockAutocorrelation(new SyntheticGenerator(base).generate("EURUSD", START, 365), 15);
        // About 25 000 blocks: a standard error near 0.006 (more with GARCH), so ±0.04 is several of them.
        assertThat(planted).isBetween(0.26, 0.34);
        assertThat(none).isBetween(-0.03, 0.03);
        // The share of a 15-minute move's variance explained, by hand: one block a² = 0.09; three 5-minute blocks
        // with a = 0.4: (0.4 + 0.16 + 0.064)² / (3 + 2·(2·0.4 + 0.16)) = 0.389376 / 4.92.
        assertThat(new SyntheticConfig.Autoregression(0.3, 15).predictableShare(15)).isCloseTo(0.09, within(1e-12));
        assertThat(new SyntheticConfig.Autoregression(0.4, 5).predictableShare(15))
                .isCloseTo(0.389376 / 4.92, within(1e-12));
        assertThatThrownBy(() -> new SyntheticConfig.Autoregression(1.0, 15)).hasMessageContaining("ar-coefficient");
        assertThatThrownBy(() -> new SyntheticConfig.Autoregression(0.3, 0)).hasMessageContaining("ar-minutes");
    }

    /** Lag-one autocorrelation of the log returns of consecutive whole blocks (blocks with a missing minute skipped). */
    private static double blockAutocorrelation(BarSeries s, int minutes) {
        long block = minutes * 60_000L;
        java.util.List<Double> r = new java.util.ArrayList<>();
        java.util.List<Long> at = new java.util.ArrayList<>();
        for (int i = 0; i + minutes <= s.size(); i++) {
            if (s.ts(i) % block == 0 && s.ts(i + minutes - 1) == s.ts(i) + block - 60_000L) {
                r.add(Math.log(s.close(i + minutes - 1) / s.open(i)));
                at.add(s.ts(i));
                i += minutes - 1;
            }
        }
        double m = r.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (int k = 0; k < r.size(); k++) {
            den += (r.get(k) - m) * (r.get(k) - m);
            if (k > 0 && at.get(k) - at.get(k - 1) == block) {
                num += (r.get(k) - m) * (r.get(k - 1) - m);
            }
        }
        return num / den;
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
