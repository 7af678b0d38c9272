package com.forexdiffusion.vision;

/**
 * The dominant period of a window for the SEG view: mean-centre, discrete Fourier transform, strongest bin k*
 * with 0 < k/L < 0.5, p = floor(L / k*), clamped to [2, L/2]. Windows shorter than 48 bars are too short for a
 * meaningful spectrum and use min(24, L/2).
 *
 * <p>The spectrum is computed directly from a twiddle table (L²/2 multiply-adds, a few microseconds at L = 100)
 * rather than with JTransforms: its FFT allocates two work arrays per call for every length that is not a power
 * of two, and the encoder must not allocate per window. Not thread-safe: it keeps its buffer.
 */
final class PeriodDetector {
    static final int MIN_DETECT_LENGTH = 48;
    private final int n;
    private final double[] cos;
    private final double[] sin;
    private final double[] centred;

    PeriodDetector(int n) {
        this.n = n;
        this.cos = new double[n];
        this.sin = new double[n];
        for (int m = 0; m < n; m++) {
            double a = 2 * Math.PI * m / n;
            cos[m] = Math.cos(a);
            sin[m] = Math.sin(a);
        }
        this.centred = new double[n];
    }

    int detect(double[] x) {
        if (n < MIN_DETECT_LENGTH) {
            return Math.max(2, Math.min(24, n / 2));
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i];
        }
        mean /= n;
        for (int i = 0; i < n; i++) {
            centred[i] = x[i] - mean;
        }
        int best = 0;
        double bestPower = 0;
        for (int k = 1; 2 * k < n; k++) {
            double re = 0;
            double im = 0;
            int idx = 0;
            for (int t = 0; t < n; t++) {
                re += centred[t] * cos[idx];
                im -= centred[t] * sin[idx];
                idx += k;
                if (idx >= n) {
                    idx -= n;
                }
            }
            double power = re * re + im * im;
            // Strictly greater: among equal peaks the longest period (smallest k) wins.
            if (power > bestPower * (1 + 1e-12)) {
                bestPower = power;
                best = k;
            }
        }
        if (best == 0) {
            return Math.max(2, n / 2);
        }
        return Math.max(2, Math.min(n / 2, n / best));
    }
}
