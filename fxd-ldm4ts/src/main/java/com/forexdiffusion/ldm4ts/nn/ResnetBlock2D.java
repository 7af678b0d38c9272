package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;

/**
 * diffusers' {@code ResnetBlock2D}: GroupNorm → SiLU → 3×3 conv, plus the projected time embedding
 * ({@code time_emb_proj}) when there is one, GroupNorm → SiLU → 3×3 conv, and a 1×1 {@code conv_shortcut}
 * on the residual when the channel count changes.
 */
public final class ResnetBlock2D {
    private final GroupNorm norm1;
    private final Conv2dLayer conv1;
    private final LinearLayer timeEmbProj;
    private final GroupNorm norm2;
    private final Conv2dLayer conv2;
    private final Conv2dLayer shortcut;

    /** timeEmbDim ≤ 0 builds the VAE variant without a time embedding. */
    public ResnetBlock2D(Params p, String prefix, int in, int out, int timeEmbDim, int groups, float eps) {
        this.norm1 = new GroupNorm(p, Params.name(prefix, "norm1"), groups, in, eps);
        this.conv1 = new Conv2dLayer(p, Params.name(prefix, "conv1"), in, out, 3, 1, 1);
        this.timeEmbProj = timeEmbDim > 0 ? new LinearLayer(p, Params.name(prefix, "time_emb_proj"), timeEmbDim, out, true)
                : null;
        this.norm2 = new GroupNorm(p, Params.name(prefix, "norm2"), groups, out, eps);
        this.conv2 = new Conv2dLayer(p, Params.name(prefix, "conv2"), out, out, 3, 1, 1);
        this.shortcut = in != out ? new Conv2dLayer(p, Params.name(prefix, "conv_shortcut"), in, out, 1, 1, 0) : null;
    }

    /** x [B, in, H, W], temb [B, timeEmbDim] or null → [B, out, H, W]. */
    public NDArray forward(NDArray x, NDArray temb) {
        NDArray h = conv1.forward(Silu.apply(norm1.forward(x)));
        if (timeEmbProj != null) {
            NDArray t = timeEmbProj.forward(Silu.apply(temb));
            h = h.add(t.expandDims(2).expandDims(3));
        }
        h = conv2.forward(Silu.apply(norm2.forward(h)));
        return (shortcut == null ? x : shortcut.forward(x)).add(h);
    }
}
