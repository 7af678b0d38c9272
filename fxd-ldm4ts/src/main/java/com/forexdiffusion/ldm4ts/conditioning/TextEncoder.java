package com.forexdiffusion.ldm4ts.conditioning;

import com.forexdiffusion.ldm4ts.nn.Tensors;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.nn.LayerNormLayer;
import com.forexdiffusion.ldm4ts.nn.LinearLayer;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.TransformerBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact profile's text encoder, trained with the model: token and position embeddings, a few
 * self-attention transformer layers, a final LayerNorm and a projection to the conditioning width. It returns
 * the whole token sequence, which the U-Net cross-attends to.
 */
public final class TextEncoder {
    private final int vocabulary;
    private final NDArray tokenEmbedding;
    private final NDArray positionEmbedding;
    private final List<TransformerBlock> layers = new ArrayList<>();
    private final LayerNormLayer finalNorm;
    private final LinearLayer projection;

    public TextEncoder(Params p, String prefix, int vocabulary, int length, int width, int layerCount, int heads,
                       int contextDim) {
        this.vocabulary = vocabulary;
        this.tokenEmbedding = p.create(Params.name(prefix, "token_embedding.weight"), new Shape(vocabulary, width),
                Params.Init.NORMAL_002);
        this.positionEmbedding = p.create(Params.name(prefix, "position_embedding.weight"), new Shape(length, width),
                Params.Init.NORMAL_002);
        for (int i = 0; i < layerCount; i++) {
            layers.add(new TransformerBlock(p, Params.name(prefix, "layers." + i), width, heads, 0));
        }
        this.finalNorm = new LayerNormLayer(p, Params.name(prefix, "final_layer_norm"), width);
        this.projection = new LinearLayer(p, Params.name(prefix, "projection"), width, contextDim, true);
    }

    /** tokens [B, length] (int) → [B, length, contextDim]. */
    public NDArray forward(NDManager m, int[][] tokens) {
        // A one-hot product instead of a gather: the vocabulary is small and its gradient path is plain matmul.
        NDArray oneHot = Tensors.tokens(m, tokens).oneHot(vocabulary).toType(DataType.FLOAT32, false);
        NDArray h = oneHot.matMul(tokenEmbedding).add(positionEmbedding);
        for (TransformerBlock layer : layers) {
            h = layer.forward(h, null);
        }
        return projection.forward(finalNorm.forward(h));
    }
}
