package com.forexdiffusion.forecast.conformal;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SortedWindowTest {
    /** A sliding window of 50 over 5 000 values with ties, signed zeros and NaN: always what Arrays.sort gives. */
    @Test
    void staysEqualToSortingTheWindow() {
        Random r = new Random(3);
        SortedWindow w = new SortedWindow();
        Deque<Double> d = new ArrayDeque<>();
        double[] special = {0.0, -0.0, Double.NaN, 1.5, -2.0};
        for (int i = 0; i < 5000; i++) {
            double v = r.nextInt(10) == 0 ? special[r.nextInt(special.length)] : Math.round(r.nextGaussian() * 20) / 4.0;
            d.addLast(v);
            w.add(v);
            if (d.size() > 50) {
                w.remove(d.removeFirst());
            }
            double[] expected = d.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(expected);
            assertThat(w.sorted()).isEqualTo(expected);
        }
    }
}
