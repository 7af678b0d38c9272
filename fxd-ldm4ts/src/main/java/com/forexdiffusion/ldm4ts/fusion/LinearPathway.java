package com.forexdiffusion.ldm4ts.fusion;

import ai.djl.ndarray.NDArray;
import com.forexdiffusion.ldm4ts.nn.LinearLayer;
import com.forexdiffusion.ldm4ts.nn.Params;

/**
 * DLinear's pathway: one linear map of the lookback to the horizons ({@code name.weight} [H, L], {@code name.bias}).
 * DLinear's trend and seasonal branches are both linear in the lookback, so this one map reaches any of them; the
 * trainer starts it at the training split's least-squares solution.
 */
public final class LinearPathway implements ExplicitPathway {
    private final LinearLayer map;
    private final String name;

    public LinearPathway(Params p, String name, int lookback, int horizons) {
        this.name = name;
        this.map = new LinearLayer(p, name, lookback, horizons, true);
    }

    @Override
    public NDArray forward(NDArray lookback) {
        return map.forward(lookback);
    }

    @Override
    public String linearWeightName() {
        return name;
    }
}
