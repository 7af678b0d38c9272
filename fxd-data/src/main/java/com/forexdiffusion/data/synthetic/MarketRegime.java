package com.forexdiffusion.data.synthetic;

/** The regimes the generator switches between, with their drift (in per-minute σ units) and volatility scale. */
public enum MarketRegime {
    CALM(0.0, 0.7),
    TRENDING_UP(0.04, 1.0),
    TRENDING_DOWN(-0.04, 1.0),
    VOLATILE(0.0, 2.0);

    final double driftSigmas;
    final double volScale;

    MarketRegime(double driftSigmas, double volScale) {
        this.driftSigmas = driftSigmas;
        this.volScale = volScale;
    }
}
