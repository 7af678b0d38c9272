package com.forexdiffusion.ldm4ts.vae;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The sizes of an {@link AutoencoderKL}, with diffusers' {@code config.json} field names so that the SD VAE's
 * own config file reads directly. The image is downsampled 2^(levels − 1) times.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VaeConfig(
        @JsonProperty("in_channels") int inChannels,
        @JsonProperty("out_channels") int outChannels,
        @JsonProperty("block_out_channels") List<Integer> blockOutChannels,
        @JsonProperty("layers_per_block") int layersPerBlock,
        @JsonProperty("latent_channels") int latentChannels,
        @JsonProperty("norm_num_groups") int normNumGroups,
        @JsonProperty("scaling_factor") double scalingFactor,
        @JsonProperty("sample_size") int sampleSize) {

    public VaeConfig {
        if (blockOutChannels == null || blockOutChannels.isEmpty()) {
            throw new IllegalArgumentException("VAE block_out_channels must name at least one level");
        }
        blockOutChannels = List.copyOf(blockOutChannels);
        for (int c : blockOutChannels) {
            if (normNumGroups <= 0 || c % normNumGroups != 0) {
                throw new IllegalArgumentException("VAE block_out_channels " + blockOutChannels
                        + " must be multiples of norm_num_groups " + normNumGroups);
            }
        }
        if (inChannels <= 0 || outChannels <= 0 || latentChannels <= 0 || layersPerBlock <= 0) {
            throw new IllegalArgumentException("VAE in_channels, out_channels, latent_channels and layers_per_block "
                    + "must be positive");
        }
    }

    /** Compact profile: 64×64 → 4×16×16 (two downsamplings), trained by the project. */
    public static VaeConfig compact() {
        return new VaeConfig(3, 3, List.of(32, 32, 64), 1, 4, 32, 1.0, 64);
    }

    /** Stable Diffusion's VAE (sd-vae-ft-mse): 8× down, scale 0.18215. */
    public static VaeConfig stableDiffusion() {
        return new VaeConfig(3, 3, List.of(128, 256, 512, 512), 2, 4, 32, 0.18215, 256);
    }

    public int downFactor() {
        return 1 << (blockOutChannels.size() - 1);
    }

    public VaeConfig withScalingFactor(double s) {
        return new VaeConfig(inChannels, outChannels, blockOutChannels, layersPerBlock, latentChannels, normNumGroups,
                s, sampleSize);
    }
}
