package com.forexdiffusion.forecast.dataset;

import com.forexdiffusion.core.BadInputException;

import java.util.Arrays;
import java.util.List;

/**
 * Fitted z-score statistics, one entry per named column (a horizon in minutes such as "15", or an input
 * feature name), in a form a checkpoint can store and restore. {@code std} is the divisor actually used: the
 * population standard deviation of the fitted values, or 1 where they were constant (or absent).
 *
 * @param names column names, in order
 * @param mean  mean per column
 * @param std   divisor per column (always finite and &gt; 0)
 * @param count number of values each column was fitted on
 */
public record ScalingStats(List<String> names, double[] mean, double[] std, long[] count) {
    public ScalingStats {
        names = List.copyOf(names);
        int k = names.size();
        if (mean.length != k || std.length != k || count.length != k) {
            throw BadInputException.ofField("scaling", "scaling statistics have " + k + " names but "
                    + mean.length + " means, " + std.length + " stds and " + count.length + " counts");
        }
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(mean[i])) {
                throw BadInputException.ofField("scaling.mean", "mean of '" + names.get(i) + "' is " + mean[i]);
            }
            if (!Double.isFinite(std[i]) || std[i] <= 0) {
                throw BadInputException.ofField("scaling.std", "std of '" + names.get(i)
                        + "' must be finite and > 0, got " + std[i]);
            }
        }
        mean = mean.clone();
        std = std.clone();
        count = count.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public long[] count() {
        return count.clone();
    }

    public int size() {
        return names.size();
    }

    double meanAt(int i) {
        return mean[i];
    }

    double stdAt(int i) {
        return std[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScalingStats s && names.equals(s.names) && Arrays.equals(mean, s.mean)
                && Arrays.equals(std, s.std) && Arrays.equals(count, s.count);
    }

    @Override
    public int hashCode() {
        return ((names.hashCode() * 31 + Arrays.hashCode(mean)) * 31 + Arrays.hashCode(std)) * 31
                + Arrays.hashCode(count);
    }

    @Override
    public String toString() {
        return "ScalingStats[names=" + names + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
                + ", count=" + Arrays.toString(count) + "]";
    }
}
