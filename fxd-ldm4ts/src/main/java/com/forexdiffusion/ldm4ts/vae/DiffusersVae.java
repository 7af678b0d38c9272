package com.forexdiffusion.ldm4ts.vae;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.checkpoint.Safetensors;
import com.forexdiffusion.ldm4ts.checkpoint.Tensor;
import com.forexdiffusion.ldm4ts.nn.Params;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A diffusers AutoencoderKL folder ({@code config.json} + {@code diffusion_pytorch_model.safetensors}), such as
 * {@code stabilityai/sd-vae-ft-mse} downloaded by a user. Files saved before diffusers 0.14 name the mid-block
 * attention {@code query}, {@code key}, {@code value}, {@code proj_attn} with 1×1-conv shaped weights; they are
 * mapped to {@code to_q}, {@code to_k}, {@code to_v}, {@code to_out.0}.
 */
public final class DiffusersVae {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "diffusion_pytorch_model.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Map<String, String> LEGACY = Map.of("query", "to_q", "key", "to_k", "value", "to_v",
            "proj_attn", "to_out.0");

    private DiffusersVae() {
    }

    public static VaeConfig readConfig(Path folder) {
        Path file = folder.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.ofSource(file.toString(), "no VAE config: " + folder
                    + " is not a diffusers AutoencoderKL folder");
        }
        try {
            return JSON.readValue(file.toFile(), VaeConfig.class);
        } catch (IOException | RuntimeException e) {
            throw BadInputException.ofSource(file.toString(), "invalid VAE config: " + e.getMessage());
        }
    }

    /** Loads the folder's weights into the parameters under {@code prefix} (e.g. "vae."), checking names and shapes. */
    public static void load(Path folder, Params params, String prefix) {
        Path file = folder.resolve(WEIGHTS);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.ofSource(file.toString(), "VAE weights are missing");
        }
        Map<String, Tensor> mapped = new LinkedHashMap<>();
        for (Tensor t : Safetensors.read(file).tensors().values()) {
            Tensor m = modernise(t);
            mapped.put(m.name(), m);
        }
        Checkpoint.assignAll(params, mapped, prefix, file.toString());
    }

    static Tensor modernise(Tensor t) {
        String[] parts = t.name().split("\\.");
        if (parts.length < 2 || !t.name().contains("mid_block.attentions.")) {
            return t;
        }
        String leaf = parts[parts.length - 2];
        String replacement = LEGACY.get(leaf);
        if (replacement == null) {
            return t;
        }
        String name = t.name().substring(0, t.name().length() - leaf.length() - parts[parts.length - 1].length() - 1)
                + replacement + "." + parts[parts.length - 1];
        long[] shape = t.shape();
        if (shape.length == 4 && shape[2] == 1 && shape[3] == 1) {
            shape = new long[] {shape[0], shape[1]};
        }
        return new Tensor(name, shape, t.values());
    }
}
