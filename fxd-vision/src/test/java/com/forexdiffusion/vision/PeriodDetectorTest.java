package com.forexdiffusion.vision;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodDetectorTest {
    static double[] sine(int n, double period, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + 0.4 * Math.sin(2 * Math.PI * i / period + phase);
        }
        return x;
    }

    @Test
    void findsTheExactPeriodOfSineWaves() {
        assertThat(new PeriodDetector(100).detect(sine(100, 20, 0.3))).isEqualTo(20);
        assertThat(new PeriodDetector(100).detect(sine(100, 25, 1.0))).isEqualTo(25);
        assertThat(new PeriodDetector(100).detect(sine(100, 10, 0))).isEqualTo(10);
        assertThat(new PeriodDetector(98).detect(sine(98, 7, 0.1))).isEqualTo(7);
        // Odd length: the highest bin below L/2 (k = 48 of 97).
        assertThat(new PeriodDetector(97).detect(sine(97, 97.0 / 48, 0.2))).isEqualTo(2);
        assertThat(new PeriodDetector(96).detect(sine(96, 24, 0))).isEqualTo(24);
    }

    @Test
    void aLongPeriodIsClampedToHalfTheWindow() {
        // One cycle per window: k* = 1 gives p = 100, clamped to L/2 = 50.
        assertThat(new PeriodDetector(100).detect(sine(100, 100, 0))).isEqualTo(50);
    }

    @Test
    void aRandomWalkFallsWithinTheClamp() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            double[] x = new double[100];
            for (int i = 1; i < 100; i++) {
                x[i] = x[i - 1] + rnd.nextGaussian();
            }
            assertThat(new PeriodDetector(100).detect(x)).isBetween(2, 50);
        }
    }

    @Test
    void shortWindowsUseTheFixedRule() {
        assertThat(new PeriodDetector(40).detect(sine(40, 5, 0))).isEqualTo(20);
        assertThat(new PeriodDetector(47).detect(sine(47, 5, 0))).isEqualTo(23);
        assertThat(new PeriodDetector(10).detect(sine(10, 5, 0))).isEqualTo(5);
    }

    @Test
    void aConstantSeriesHasNoPeakAndUsesHalfTheWindow() {
        assertThat(new PeriodDetector(64).detect(new double[64])).isEqualTo(32);
    }
}
