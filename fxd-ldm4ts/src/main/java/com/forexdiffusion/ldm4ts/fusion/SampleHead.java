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
 * g(features, ζ) ⊙ exp(a · log v + b), with ζ standard normal noise, g an MLP, and v the realised volatility of the
 * lookback (root mean square of all of it and of its last quarter). The multiplicative scale lets the spread follow
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

    /** @param features lookback (first {@code lookback} columns) and further window features */
    public SampleHead(Params p, String prefix, int lookback, int features, int noiseDim, int hidden, int horizons) {
        this.noiseDim = noiseDim;
        this.lookback = lookback;
        this.fc1 = new LinearLayer(p, Params.name(prefix, "fc1"), features + noiseDim, hidden, true);
        this.fc2 = new LinearLayer(p, Params.name(prefix, "fc2"), hidden, hidden, true);
        this.out = new LinearLayer(p, Params.name(prefix, "out"), hidden, horizons, true);
        this.scale = new LinearLayer(p, Params.name(prefix, "scale"), 2, horizons, true);
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

    /** [R, 2]: log RMS of the whole lookback and of its last quarter. */
    private NDArray logVolatility(NDArray features) {
        NDArray look = features.get(new NDIndex(":, :" + lookback));
        NDArray recent = features.get(new NDIndex(":, " + (lookback - Math.max(1, lookback / 4)) + ":" + lookback));
        NDArray all = look.square().mean(new int[] {1}, true).add(VOL_FLOOR).log().mul(0.5f);
        NDArray last = recent.square().mean(new int[] {1}, true).add(VOL_FLOOR).log().mul(0.5f);
        return NDArrays.concat(new NDList(all, last), 1);
    }
}
