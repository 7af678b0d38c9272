package com.forexdiffusion.ldm4ts.conditioning;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.checkpoint.Safetensors;
import com.forexdiffusion.ldm4ts.checkpoint.Tensor;
import com.forexdiffusion.ldm4ts.nn.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny CLIP folder (HF names, a vision tower to ignore, a tokenizer.json) and the text model's causality. */
class ClipTextTest {
    @TempDir
    Path dir;

    @Test
    void tokenizerPadsWithTheEndOfTextId() throws Exception {
        Files.writeString(dir.resolve("tokenizer.json"), """
                {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [], "normalizer": null,
                 "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null, "decoder": null,
                 "model": {"type": "WordLevel", "vocab": {"[UNK]": 0, "eurusd": 1, "trend": 2, "up": 3},
                           "unk_token": "[UNK]"}}""");
        try (ClipTokenizer t = ClipTokenizer.load(dir.resolve("tokenizer.json"), 6, 5, 10)) {
            assertThat(t.encode("eurusd trend up sideways")).containsExactly(1, 2, 3, 0, 5, 5);
        }
    }

    @Test
    void pretrainedTextModelLoadsAndIsCausal() throws Exception {
        ClipTextConfig cfg = new ClipTextConfig(50, 8, 16, 1, 2, 6, 49);
        List<Tensor> tensors = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 5);
            new ClipTextEncoder(p, "", cfg);
            p.tensors().forEach((name, t) -> tensors.add(new Tensor(name, t.getShape().getShape(), t.toFloatArray())));
        }
        tensors.add(new Tensor("vision_model.embeddings.patch_embedding.weight", new long[] {2}, new float[] {1, 2}));
        try (OutputStream out = Files.newOutputStream(dir.resolve("model.safetensors"))) {
            Safetensors.write(out, tensors, Map.of());
        }
        Files.writeString(dir.resolve("config.json"), """
                {"architectures": ["CLIPModel"], "text_config": {"vocab_size": 50, "hidden_size": 8,
                 "intermediate_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2,
                 "max_position_embeddings": 6, "eos_token_id": 49, "hidden_act": "quick_gelu"},
                 "vision_config": {"hidden_size": 4}}""");
        assertThat(ClipTextConfig.read(dir)).isEqualTo(cfg);

        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 77);
            ClipTextEncoder enc = new ClipTextEncoder(p, "clip", cfg);
            Map<String, Tensor> file = new java.util.LinkedHashMap<>();
            Safetensors.read(dir.resolve("model.safetensors")).tensors().forEach((k, v) -> {
                if (k.startsWith("text_model.")) {
                    file.put(k, v);
                }
            });
            Checkpoint.assignAll(p, file, "clip.", "model.safetensors");
            float[] a = enc.forward(m, new int[][] {{1, 2, 3, 4, 5, 6}}).toFloatArray();
            float[] b = enc.forward(m, new int[][] {{1, 2, 3, 4, 5, 40}}).toFloatArray();
            assertThat(enc.forward(m, new int[][] {{1, 2, 3, 4, 5, 6}}).getShape()).isEqualTo(new Shape(1, 6, 8));
            // Causal: positions before the changed last token see the same inputs; the last one does not.
            assertThat(Arrays.copyOfRange(b, 0, 40)).containsExactly(Arrays.copyOfRange(a, 0, 40),
                    org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(Arrays.copyOfRange(b, 40, 48)).isNotEqualTo(Arrays.copyOfRange(a, 40, 48));
        }
    }
}
