package com.forexdiffusion.trading.optimisation.sampler;

import com.forexdiffusion.trading.optimisation.space.Param;
import com.forexdiffusion.trading.optimisation.space.SearchSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Standard global-optimisation test functions with their known minima (Dixon & Szegő 1978; Surjanovic & Bingham). */
public final class TestFunctions {
    private TestFunctions() {
    }

    /** A function to minimise over a search space, with its global minimum. */
    public record Problem(String name, SearchSpace space, ToDoubleFunction<Map<String, Object>> f, double minimum) {
    }

    /** Branin-Hoo on x1 in [−5, 10], x2 in [0, 15]; three global minima of 0.397887. */
    public static Problem branin() {
        SearchSpace s = new SearchSpace(List.of(new Param.FloatParam("x1", -5, 10, false),
                new Param.FloatParam("x2", 0, 15, false)));
        return new Problem("branin", s, p -> branin(num(p, "x1"), num(p, "x2")), 0.39788735772973816);
    }

    public static double branin(double x1, double x2) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double q = x2 - b * x1 * x1 + c * x1 - 6;
        return q * q + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    private static final double[] H6_A = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] H6_B = {
            {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] H6_P = {
            {1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
            {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

    /** Hartmann 6-D on [0, 1]^6; global minimum −3.32237. */
    public static Problem hartmann6() {
        List<Param> ps = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            ps.add(new Param.FloatParam("x" + i, 0, 1, false));
        }
        return new Problem("hartmann6", new SearchSpace(ps), p -> {
            double[] x = new double[6];
            for (int i = 0; i < 6; i++) {
                x[i] = num(p, "x" + (i + 1));
            }
            return hartmann6(x);
        }, -3.32236801141551);
    }

    public static double hartmann6(double[] x) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double e = 0;
            for (int j = 0; j < 6; j++) {
                double d = x[j] - 1e-4 * H6_P[i][j];
                e += H6_B[i][j] * d * d;
            }
            s += H6_A[i] * Math.exp(-e);
        }
        return -s;
    }

    private static double num(Map<String, Object> p, String k) {
        return ((Number) p.get(k)).doubleValue();
    }
}
