package com.forexdiffusion.ldm4ts.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import com.forexdiffusion.ldm4ts.nn.LinearLayer;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.Silu;

/**
 * A generative head: one draw of the deviation from the fused forecast is
 * g(features, ζ) ⊙ exp(a · log v + b), with ζ standard normal noise, g an MLP, and v the realised volatilities of the
 * lookback (root mean square of all of it and of its last quarter; with four windows also of its last sixteenth and
 * its last two bars). The multiplicative scale lets the spread follow
 * the window's volatility, as volatility does in markets; g shapes the distribution around it. Trained by the fair
 * CRPS over several draws per window, the draws become the predictive distribution (the scoring rule rewards
 * spread only where outcomes have it); the MSE loss, whose optimum ignores the noise, shrinks them to zero.
 */
public final class SampleHead {
    private static final float VOL_FLOOR = 1e-6f;
    private final LinearLayer fc1;
    private final LinearLayer fc2;
    private final LinearLayer out;
    private final LinearLayer scale;
    private final int noiseDim;
    private final int lookback;
    private final int[] windows;

    /**
     * @param features   lookback (first {@code lookback} columns) and further window features
     * @param volatility realised-volatility windows of the scale: 2 (the whole lookback, its last quarter) or 4 (also
     *                   its last sixteenth and last two bars)
     */
    public SampleHead(Params p, String prefix, int lookback, int features, int noiseDim, int hidden, int horizons,
                      int volatility) {
        this.noiseDim = noiseDim;
        this.lookback = lookback;
        this.windows = volatility == 4
                ? new int[] {lookback, Math.max(1, lookback / 4), Math.max(1, lookback / 16), Math.min(2, lookback)}
                : new int[] {lookback, Math.max(1, lookback / 4)};
        this.fc1 = new LinearLayer(p, Params.name(prefix, "fc1"), features + noiseDim, hidden, true);
        this.fc2 = new LinearLayer(p, Params.name(prefix, "fc2"), hidden, hidden, true);
        this.out = new LinearLayer(p, Params.name(prefix, "out"), hidden, horizons, true);
        this.scale = new LinearLayer(p, Params.name(prefix, "scale"), windows.length, horizons, true);
    }

    public int noiseDim() {
        return noiseDim;
    }

    /**
     * Draws for {@code per} samples of each row: the volatility scale depends on the window only, so it is computed
     * once per row and shared by the row's samples.
     *
     * @param features [R, F], the normalised lookback first
     * @param per      samples per row
     * @param noise    [R · per, noiseDim], row r's samples at r · per … r · per + per − 1
     * @return [R · per, horizons]
     */
    public NDArray forward(NDArray features, int per, NDArray noise) {
        NDArray x = Silu.apply(fc1.forward(NDArrays.concat(new NDList(features.repeat(0, per), noise), 1)));
        NDArray shape = out.forward(Silu.apply(fc2.forward(x)));
        return shape.mul(scale.forward(logVolatility(features)).exp().repeat(0, per));
    }

    /** [R, windows]: log RMS of the lookback's last w bars for each window w. */
    NDArray logVolatility(NDArray features) {
        NDList parts = new NDList();
        for (int w : windows) {
            NDArray recent = features.get(new NDIndex(":, " + (lookback - w) + ":" + lookback));
            parts.add(recent.square().mean(new int[] {1}, true).add(VOL_FLOOR).log().mul(0.5f));
        }
        return NDArrays.concat(parts, 1);
    }
}
