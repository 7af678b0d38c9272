package com.forexdiffusion.ldm4ts.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.forexdiffusion.ldm4ts.checkpoint.Safetensors;
import com.forexdiffusion.ldm4ts.checkpoint.Tensor;
import com.forexdiffusion.ldm4ts.nn.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tiny AutoencoderKL folder in diffusers' layout (legacy attention names included) loads as the SD VAE would. */
class DiffusersVaeTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            {"_class_name": "AutoencoderKL", "_diffusers_version": "0.4.2", "act_fn": "silu",
             "block_out_channels": [32, 32], "down_block_types": ["DownEncoderBlock2D", "DownEncoderBlock2D"],
             "in_channels": 3, "latent_channels": 4, "layers_per_block": 1, "norm_num_groups": 32,
             "out_channels": 3, "sample_size": 16, "scaling_factor": 0.18215}""";

    /** Writes every tensor of a VAE built from the config, attention under the pre-0.14 names and 1×1-conv shapes. */
    private List<Tensor> writeFolder(boolean dropOne) throws Exception {
        Files.writeString(dir.resolve(DiffusersVae.CONFIG), CONFIG);
        VaeConfig cfg = DiffusersVae.readConfig(dir);
        List<Tensor> tensors = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 99);
            new AutoencoderKL(p, "", cfg);
            int k = 0;
            for (Map.Entry<String, NDArray> e : p.tensors().entrySet()) {
                String name = e.getKey();
                long[] shape = e.getValue().getShape().getShape();
                float[] values = new float[(int) e.getValue().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = k + i * 1e-3f;
                }
                k++;
                if (name.contains("mid_block.attentions.0.to_q.")) {
                    name = name.replace("to_q", "query");
                    shape = shape.length == 2 ? new long[] {shape[0], shape[1], 1, 1} : shape;
                } else if (name.contains("mid_block.attentions.0.to_out.0.")) {
                    name = name.replace("to_out.0", "proj_attn");
                }
                if (dropOne && name.equals("decoder.conv_out.bias")) {
                    continue;
                }
                tensors.add(new Tensor(name, shape, values));
            }
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(DiffusersVae.WEIGHTS))) {
            Safetensors.write(out, tensors, Map.of("format", "pt"));
        }
        return tensors;
    }

    @Test
    void loadsDiffusersNamesAndMapsLegacyAttention() throws Exception {
        List<Tensor> written = writeFolder(false);
        VaeConfig cfg = DiffusersVae.readConfig(dir);
        assertThat(cfg.scalingFactor()).isEqualTo(0.18215);
        assertThat(cfg.blockOutChannels()).containsExactly(32, 32);
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 1);
            new AutoencoderKL(p, "vae", cfg);
            DiffusersVae.load(dir, p, "vae.");
            Tensor q = written.stream().filter(t -> t.name().endsWith("attentions.0.query.weight")).findFirst().orElseThrow();
            assertThat(p.get("vae.encoder.mid_block.attentions.0.to_q.weight").toFloatArray()).containsExactly(q.values());
            Tensor conv = written.stream().filter(t -> t.name().equals("decoder.conv_in.weight")).findFirst().orElseThrow();
            assertThat(p.get("vae.decoder.conv_in.weight").toFloatArray()).containsExactly(conv.values());
        }
    }

    @Test
    void aMissingTensorIsNamed() throws Exception {
        writeFolder(true);
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 1);
            new AutoencoderKL(p, "vae", DiffusersVae.readConfig(dir));
            assertThatThrownBy(() -> DiffusersVae.load(dir, p, "vae.")).hasMessageContaining("decoder.conv_out.bias")
                    .hasMessageContaining(DiffusersVae.WEIGHTS);
        }
        assertThatThrownBy(() -> DiffusersVae.readConfig(dir.resolve("elsewhere")))
                .hasMessageContaining("not a diffusers AutoencoderKL folder");
    }
}
