package com.forexdiffusion.trading.optimisation.sampler;

/**
 * The Matérn 5/2 kernel with one length scale per dimension (ARD):
 * k(x, y) = s² (1 + √5 r + 5r²/3) exp(−√5 r), r² = Σ ((x_d − y_d) / ℓ_d)².
 */
public record Matern52(double amplitude, double[] lengthScales) {
    private static final double SQRT5 = Math.sqrt(5);

    public double at(double[] x, double[] y) {
        double r2 = 0;
        for (int d = 0; d < x.length; d++) {
            double t = (x[d] - y[d]) / lengthScales[d];
            r2 += t * t;
        }
        double r = Math.sqrt(r2);
        return amplitude * (1 + SQRT5 * r + 5 * r2 / 3) * Math.exp(-SQRT5 * r);
    }
}
