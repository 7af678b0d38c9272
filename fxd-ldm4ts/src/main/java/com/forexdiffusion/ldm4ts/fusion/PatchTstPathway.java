package com.forexdiffusion.ldm4ts.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.nn.LayerNormLayer;
import com.forexdiffusion.ldm4ts.nn.LinearLayer;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.TransformerBlock;

/**
 * The PatchTST pathway (Nie et al., 2023), as in the LDM4TS authors' code: the lookback, padded at its end by
 * repeating the last value {@code stride} times, is cut into overlapping patches; each patch is embedded linearly,
 * gets a learned position, passes a small pre-norm transformer encoder, and the flattened patch tokens are read
 * out linearly to every horizon. Parameters: {@code embed}, {@code position} [N, d], {@code layers.K.*},
 * {@code norm}, {@code head}.
 */
public final class PatchTstPathway implements ExplicitPathway {
    public static final int PATCH = 16;
    public static final int STRIDE = 8;
    public static final int WIDTH = 64;
    public static final int LAYERS = 2;
    public static final int HEADS = 4;

    private final int patch;
    private final int stride;
    private final int patches;
    private final int width;
    private final LinearLayer embed;
    private final NDArray position;
    private final TransformerBlock[] layers;
    private final LayerNormLayer norm;
    private final LinearLayer head;

    public PatchTstPathway(Params p, String prefix, int lookback, int horizons) {
        this(p, prefix, lookback, horizons, PATCH, STRIDE, WIDTH, LAYERS, HEADS);
    }

    public PatchTstPathway(Params p, String prefix, int lookback, int horizons, int patch, int stride, int width,
                           int layerCount, int heads) {
        if (patch > lookback || stride < 1) {
            throw new IllegalArgumentException("patch " + patch + " and stride " + stride + " do not fit lookback "
                    + lookback);
        }
        this.patch = patch;
        this.stride = stride;
        this.patches = patchCount(lookback, patch, stride);
        this.width = width;
        this.embed = new LinearLayer(p, Params.name(prefix, "embed"), patch, width, true);
        this.position = p.create(Params.name(prefix, "position"), new Shape(patches, width), Params.Init.NORMAL_002);
        this.layers = new TransformerBlock[layerCount];
        for (int k = 0; k < layerCount; k++) {
            layers[k] = new TransformerBlock(p, Params.name(prefix, "layers." + k), width, heads, 0);
        }
        this.norm = new LayerNormLayer(p, Params.name(prefix, "norm"), width);
        this.head = new LinearLayer(p, Params.name(prefix, "head"), patches * width, horizons, true);
    }

    /** Patches of a lookback of length L padded by {@code stride}: (L + stride − patch) / stride + 1. */
    public static int patchCount(int lookback, int patch, int stride) {
        return (lookback + stride - patch) / stride + 1;
    }

    @Override
    public NDArray forward(NDArray lookback) {
        NDArray tokens = embed.forward(patches(lookback)).add(position);
        for (TransformerBlock layer : layers) {
            tokens = layer.forward(tokens, null);
        }
        NDArray h = norm.forward(tokens);
        return head.forward(h.reshape(h.getShape().get(0), (long) patches * width));
    }

    /** [B, L] → [B, N, patch]: patch n holds padded values n · stride … n · stride + patch − 1. */
    NDArray patches(NDArray lookback) {
        long l = lookback.getShape().get(1);
        NDArray last = lookback.get(new NDIndex(":, " + (l - 1) + ":" + l)).repeat(1, stride);
        NDArray padded = NDArrays.concat(new NDList(lookback, last), 1);
        NDList list = new NDList(patches);
        for (int n = 0; n < patches; n++) {
            list.add(padded.get(new NDIndex(":, " + (n * stride) + ":" + (n * stride + patch))));
        }
        return NDArrays.stack(list, 1);
    }
}
