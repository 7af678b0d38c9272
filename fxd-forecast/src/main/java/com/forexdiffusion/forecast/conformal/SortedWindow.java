package com.forexdiffusion.forecast.conformal;

import java.util.Arrays;

/**
 * A multiset of doubles kept in {@link Arrays#sort(double[])} order (Double.compare: −0.0 before 0.0, NaN last), so
 * that the conformal quantile of a calibrator's score window needs no sort per forecast: an outcome inserts one
 * score and evicts one, each a binary search and an array shift.
 */
final class SortedWindow {
    private double[] a = new double[16];
    private int n;

    void add(double v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, 2 * n);
        }
        int i = position(v);
        System.arraycopy(a, i, a, i + 1, n - i);
        a[i] = v;
        n++;
    }

    /** Removes one value equal to v under Double.compare (it must be present). */
    void remove(double v) {
        int i = position(v);
        if (i >= n || Double.compare(a[i], v) != 0) {
            throw new IllegalStateException("score " + v + " is not in the window");
        }
        System.arraycopy(a, i + 1, a, i, n - i - 1);
        n--;
    }

    /** The first index whose value is not below v. */
    private int position(double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(a[mid], v) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    double[] sorted() {
        return Arrays.copyOf(a, n);
    }
}
