package com.forexdiffusion.ldm4ts.conditioning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.forexdiffusion.ldm4ts.nn.LinearLayer;
import com.forexdiffusion.ldm4ts.nn.Params;

import java.nio.file.Path;

/**
 * The text branch of the conditioning: the window description's tokens to context tokens of width d. The compact
 * profile trains its own small encoder ({@code text_encoder.}); the paper profile uses the CLIP text model
 * ({@code clip.}, then {@code clip_projection.} to d), pretrained and frozen from a local folder, or at ViT-B/32 sizes
 * from random weights (trained with the rest) when no folder is given.
 */
public final class TextConditioning implements AutoCloseable {
        private final Tokenizer tokenizer;
    private final TextEncoder text;
    private final ClipTextEncoder clip;
    private final LinearLayer clipProjection;
    private final Path clipFolder;

    /** The compact encoder: tokens, width, layers and heads of its transformer. */
    public static TextConditioning compact(Params p, int tokens, int width, int layers, int heads, int contextDim) {
        Tokenizer tokenizer = new TextTokenizer(tokens);
        TextEncoder text = new TextEncoder(p, "text_encoder", tokenizer.vocabularySize(), tokens, width, layers, heads,
                contextDim);
        return new TextConditioning(tokenizer, text, null, null, null);
    }

    /** CLIP from {@code folder} (frozen), or at ViT-B/32 sizes from random weights when it is null. */
    public static TextConditioning clip(Params p, Path folder, int contextDim) {
        ClipTextConfig cc = folder == null ? ClipTextConfig.vitB32() : ClipTextConfig.read(folder);
        Tokenizer tokenizer = folder == null ? new TextTokenizer(cc.maxPositionEmbeddings())
                : ClipTokenizer.load(folder.resolve("tokenizer.json"), cc.maxPositionEmbeddings(), cc.eosTokenId(),
                        cc.vocabSize());
        ClipTextEncoder clip = new ClipTextEncoder(p, "clip", cc);
        LinearLayer projection = new LinearLayer(p, "clip_projection", cc.hiddenSize(), contextDim, true);
        return new TextConditioning(tokenizer, null, clip, projection, folder);
    }

    private TextConditioning(Tokenizer tokenizer, TextEncoder text, ClipTextEncoder clip, LinearLayer clipProjection,
                             Path clipFolder) {
        this.tokenizer = tokenizer;
        this.text = text;
        this.clip = clip;
        this.clipProjection = clipProjection;
        this.clipFolder = clipFolder;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Context tokens [B, tokens, d]; a pretrained CLIP passes no gradient. */
    public NDArray forward(NDManager m, int[][] tokens) {
        if (clip == null) {
            return text.forward(m, tokens);
        }
        NDArray hidden = clip.forward(m, tokens);
        return clipProjection.forward(clipFolder == null ? hidden : hidden.stopGradient());
    }

    /** The folder of a pretrained CLIP, whose weights the model loads; null when there is none. */
    public Path clipFolder() {
        return clipFolder;
    }

    @Override
    public void close() {
        if (tokenizer instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the native tokenizer has nothing left to flush
            }
        }
    }
}
