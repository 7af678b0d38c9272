package com.forexdiffusion.ldm4ts.unet;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The sizes of a {@link UNet2DCondition}.
 *
 * @param blockOutChannels     channels per level; the latent is halved between levels
 * @param crossAttentionLevels which levels carry a cross-attention transformer after each resnet
 * @param crossAttentionDim    width of the conditioning tokens
 * @param heads                attention heads
 */
public record UnetConfig(
        @JsonProperty("in_channels") int inChannels,
        @JsonProperty("out_channels") int outChannels,
        @JsonProperty("block_out_channels") List<Integer> blockOutChannels,
        @JsonProperty("layers_per_block") int layersPerBlock,
        @JsonProperty("cross_attention_levels") List<Boolean> crossAttentionLevels,
        @JsonProperty("cross_attention_dim") int crossAttentionDim,
        @JsonProperty("attention_heads") int heads,
        @JsonProperty("norm_num_groups") int normNumGroups) {

    public UnetConfig {
        blockOutChannels = List.copyOf(blockOutChannels);
        crossAttentionLevels = List.copyOf(crossAttentionLevels);
        if (blockOutChannels.size() != crossAttentionLevels.size()) {
            throw new IllegalArgumentException("U-Net cross_attention_levels has " + crossAttentionLevels.size()
                    + " entries for " + blockOutChannels.size() + " levels");
        }
        for (int c : blockOutChannels) {
            if (c % normNumGroups != 0 || c % heads != 0) {
                throw new IllegalArgumentException("U-Net channels " + blockOutChannels + " must be multiples of "
                        + "norm_num_groups " + normNumGroups + " and attention_heads " + heads);
            }
        }
        if (layersPerBlock <= 0 || crossAttentionDim <= 0) {
            throw new IllegalArgumentException("U-Net layers_per_block and cross_attention_dim must be positive");
        }
    }

    /** Compact: (64, 128, 128), one resnet per level, cross-attention at the middle level (8×8 on a 16×16 latent). */
    public static UnetConfig compact(int contextDim) {
        return new UnetConfig(4, 4, List.of(64, 128, 128), 1, List.of(false, true, false), contextDim, 4, 32);
    }

    /** Paper: (128, 256, 512, 512), two resnets per level, cross-attention at the first three levels. */
    public static UnetConfig paper(int contextDim) {
        return new UnetConfig(4, 4, List.of(128, 256, 512, 512), 2, List.of(true, true, true, false), contextDim, 8, 32);
    }
}
