package com.forexdiffusion.ldm4ts.model;

import com.forexdiffusion.core.BarSeries;

import java.util.ArrayList;
import java.util.List;

/**
 * The intraday volatility profile of the training split (Andersen and Bollerslev's periodicity): for each half hour
 * of the UTC day, the root mean square of the one-bar log returns of bars in it, over that of every bar. FX moves
 * several times more at the London and New York opens than late in the Asian session, so a volatility read from the
 * last hours is a poor guess of the next ones unless this profile is divided out of the past and multiplied back
 * over the bars ahead.
 *
 * @param factors 48 factors, one per half hour from 00:00 UTC; 1 for a half hour with too few training bars (a daily
 *                series has one filled slot, so its profile is flat)
 */
public record SessionProfile(List<Double> factors) {
    public static final int SLOTS = 48;
    private static final long SLOT_MS = 1_800_000L;
    /** Fewer training returns than this leave a slot's factor at 1. */
    static final int MIN_RETURNS = 30;

    public SessionProfile {
        factors = List.copyOf(factors);
        if (factors.size() != SLOTS) {
            throw new IllegalArgumentException("a session profile has " + SLOTS + " factors, got " + factors.size());
        }
        for (double f : factors) {
            if (!(f > 0) || !Double.isFinite(f)) {
                throw new IllegalArgumentException("session profile factors must be positive, got " + f);
            }
        }
    }

    /** Fits the profile on the one-bar log returns ending at the given bars (the training windows' last bars). */
    public static SessionProfile fit(BarSeries bars, int[] ends) {
        double[] sum = new double[SLOTS];
        int[] count = new int[SLOTS];
        double all = 0;
        int n = 0;
        for (int e : ends) {
            if (e < 1) {
                continue;
            }
            double r = Math.log(bars.close(e) / bars.close(e - 1));
            int s = slot(bars.ts(e));
            sum[s] += r * r;
            count[s]++;
            all += r * r;
            n++;
        }
        double overall = n == 0 ? 0 : Math.sqrt(all / n);
        List<Double> f = new ArrayList<>(SLOTS);
        for (int s = 0; s < SLOTS; s++) {
            double rms = count[s] < MIN_RETURNS ? 0 : Math.sqrt(sum[s] / count[s]);
            f.add(rms > 0 && overall > 0 ? rms / overall : 1.0);
        }
        return new SessionProfile(f);
    }

    static int slot(long epochMs) {
        return (int) Math.floorMod(Math.floorDiv(epochMs, SLOT_MS), SLOTS);
    }

    /** The factor of the bar at this time. */
    public double at(long epochMs) {
        return factors.get(slot(epochMs));
    }

    /** The root mean square of the factors of the {@code bars} bars after {@code lastMs}, one every {@code stepMs}. */
    public double ahead(long lastMs, long stepMs, int bars) {
        return ahead(lastMs, stepMs, new int[] {bars})[0];
    }

    /** As {@link #ahead(long, long, int)} for several bar counts at once, in one pass over the longest. */
    public double[] ahead(long lastMs, long stepMs, int[] bars) {
        int longest = 0;
        for (int b : bars) {
            longest = Math.max(longest, b);
        }
        double[] cumulative = new double[longest + 1];
        for (int j = 1; j <= longest; j++) {
            double f = at(lastMs + j * stepMs);
            cumulative[j] = cumulative[j - 1] + f * f;
        }
        double[] out = new double[bars.length];
        for (int k = 0; k < bars.length; k++) {
            out[k] = Math.sqrt(cumulative[bars[k]] / bars[k]);
        }
        return out;
    }
}
