package com.forexdiffusion.vision;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The dominant period of a window for the SEG view: mean-centre, real FFT, strongest bin k* with 0 < k/L < 0.5,
 * p = floor(L / k*), clamped to [2, L/2]. Windows shorter than 48 bars are too short for a meaningful spectrum and
 * use min(24, L/2). Not thread-safe: it keeps its FFT plan and buffer.
 */
final class PeriodDetector {
    static final int MIN_DETECT_LENGTH = 48;
    private final int n;
    private final DoubleFFT_1D fft;
    private final double[] buf;

    PeriodDetector(int n) {
        this.n = n;
        this.fft = n >= MIN_DETECT_LENGTH ? new DoubleFFT_1D(n) : null;
        this.buf = new double[n];
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
            buf[i] = x[i] - mean;
        }
        fft.realForward(buf);
        int best = 0;
        double bestPower = 0;
        // realForward packs Re[k] at 2k and Im[k] at 2k + 1 for 0 < k < n/2; for odd n the last bin
        // k = (n - 1) / 2 has its real part at n - 1 and its imaginary part at 1.
        for (int k = 1; 2 * k < n; k++) {
            double re;
            double im;
            if (n % 2 == 1 && k == (n - 1) / 2) {
                re = buf[n - 1];
                im = buf[1];
            } else {
                re = buf[2 * k];
                im = buf[2 * k + 1];
            }
            double power = re * re + im * im;
            if (power > bestPower) {
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
