package com.forexdiffusion.ldm4ts.model;

/**
 * The explicit pathway's input row of each window: its scaled lookback returns and, when the pathway reads the
 * level, ln(last close) divided by the training split's return standard deviation. A map of the returns alone
 * forecasts the change from the last value (NLinear); with the level and the bias it spans every linear map of the
 * lookback values (DLinear's), which also reads how far the window stands from the training mean. On a series with
 * a stable mean (ETT's z-scores) that distance predicts reversion; where the level drifts away from its training
 * mean it misleads, most at long horizons. "both" averages the two least-squares fits, the combination that holds
 * up when the validation months cannot say which regime the next ones are in (docs/evaluation.md).
 */
public final class ExplicitInput {
    private ExplicitInput() {
    }

    /** [B][width] rows, width = {@link Ldm4tsConfig#explicitInputWidth()}. */
    public static float[][] rows(Ldm4tsConfig config, Batch b) {
        int l = config.lookback();
        int width = config.explicitInputWidth();
        float[][] out = new float[b.size()][];
        for (int i = 0; i < b.size(); i++) {
            float[] row = java.util.Arrays.copyOf(b.lookback()[i], width);
            if (width > l) {
                row[l] = (float) (Math.log(b.lastClose()[i]) / config.normalisation().returnStd());
            }
            out[i] = row;
        }
        return out;
    }
}
