package com.forexdiffusion.trading.paper;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.trading.engine.EngineTest;

/** The engine tests' momentum forecaster, fitted as a factory for session tests (it trades both ways). */
final class MomentumFactory implements ForecasterFactory {
    @Override
    public String name() {
        return "momentum";
    }

    @Override
    public Forecaster fit(BarSeries train) {
        return new EngineTest.Momentum();
    }
}
