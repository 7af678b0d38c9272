package com.forexdiffusion.trading.regime;

/** Market regimes the detector labels its states with. */
public enum Regime {
    TRENDING_UP, TRENDING_DOWN, RANGING, VOLATILE
}
