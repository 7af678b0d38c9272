package com.forexdiffusion.ldm4ts.conditioning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import com.forexdiffusion.ldm4ts.nn.Attention;
import com.forexdiffusion.ldm4ts.nn.LayerNormLayer;
import com.forexdiffusion.ldm4ts.nn.LinearLayer;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.Tensors;

import java.util.ArrayList;
import java.util.List;

/**
 * The CLIP text transformer (HuggingFace {@code CLIPTextModel} layout and names under {@code text_model.}):
 * token and position embeddings, pre-norm causal self-attention layers with quick-GELU MLPs, a final LayerNorm.
 * It returns the whole hidden sequence, as Stable Diffusion feeds it to cross-attention.
 */
public final class ClipTextEncoder {
    private final NDArray tokenEmbedding;
    private final NDArray positionEmbedding;
    private final List<Layer> layers = new ArrayList<>();
    private final LayerNormLayer finalNorm;
    private final int vocabulary;
    private final int heads;
    private final int width;

    private record Layer(LayerNormLayer norm1, LinearLayer q, LinearLayer k, LinearLayer v, LinearLayer out,
                         LayerNormLayer norm2, LinearLayer fc1, LinearLayer fc2) {
    }

    public ClipTextEncoder(Params p, String prefix, ClipTextConfig c) {
        this.vocabulary = c.vocabSize();
        this.heads = c.numAttentionHeads();
        this.width = c.hiddenSize();
        String tm = Params.name(prefix, "text_model");
        this.tokenEmbedding = p.create(tm + ".embeddings.token_embedding.weight", new Shape(c.vocabSize(), width),
                Params.Init.NORMAL_002);
        this.positionEmbedding = p.create(tm + ".embeddings.position_embedding.weight",
                new Shape(c.maxPositionEmbeddings(), width), Params.Init.NORMAL_002);
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            String l = tm + ".encoder.layers." + i;
            layers.add(new Layer(new LayerNormLayer(p, l + ".layer_norm1", width),
                    new LinearLayer(p, l + ".self_attn.q_proj", width, width, true),
                    new LinearLayer(p, l + ".self_attn.k_proj", width, width, true),
                    new LinearLayer(p, l + ".self_attn.v_proj", width, width, true),
                    new LinearLayer(p, l + ".self_attn.out_proj", width, width, true),
                    new LayerNormLayer(p, l + ".layer_norm2", width),
                    new LinearLayer(p, l + ".mlp.fc1", width, c.intermediateSize(), true),
                    new LinearLayer(p, l + ".mlp.fc2", c.intermediateSize(), width, true)));
        }
        this.finalNorm = new LayerNormLayer(p, tm + ".final_layer_norm", width);
    }

    public int width() {
        return width;
    }

    /** tokens [B, n] → hidden states [B, n, width]. */
    public NDArray forward(NDManager m, int[][] tokens) {
        int n = tokens[0].length;
        NDArray ids = Tensors.tokens(m, tokens).toType(DataType.INT64, false);
        NDArray h = tokenEmbedding.get(ids).add(positionEmbedding.get("0:" + n));
        float[] causal = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                causal[i * n + j] = Float.NEGATIVE_INFINITY;
            }
        }
        NDArray mask = Tensors.of(m, causal, new Shape(n, n));
        int dimHead = width / heads;
        for (Layer l : layers) {
            NDArray x = l.norm1().forward(h);
            NDArray a = Attention.attend(l.q().forward(x), l.k().forward(x), l.v().forward(x), heads, dimHead, mask);
            h = h.add(l.out().forward(a));
            NDArray f = l.fc1().forward(l.norm2().forward(h));
            h = h.add(l.fc2().forward(f.mul(Activation.sigmoid(f.mul(1.702f)))));
        }
        return finalNorm.forward(h);
    }

    public int vocabulary() {
        return vocabulary;
    }
}
