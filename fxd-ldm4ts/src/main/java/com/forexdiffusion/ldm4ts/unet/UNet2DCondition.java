package com.forexdiffusion.ldm4ts.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.nn.Conv2dLayer;
import com.forexdiffusion.ldm4ts.nn.Downsample2D;
import com.forexdiffusion.ldm4ts.nn.GroupNorm;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.ResnetBlock2D;
import com.forexdiffusion.ldm4ts.nn.Silu;
import com.forexdiffusion.ldm4ts.nn.SpatialTransformer;
import com.forexdiffusion.ldm4ts.nn.TimestepEmbedding;
import com.forexdiffusion.ldm4ts.nn.Upsample2D;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * diffusers' {@code UNet2DConditionModel} in layout and names: {@code conv_in}, {@code time_embedding},
 * {@code down_blocks.i.(resnets|attentions).j}, {@code mid_block}, {@code up_blocks.i.(resnets|attentions).j}
 * with skip connections from every down resnet and downsampler, {@code conv_norm_out}, {@code conv_out}.
 * It predicts the noise ε of a noised latent given its timestep and the conditioning tokens.
 */
public final class UNet2DCondition {
    private static final float EPS = 1e-5f;
    private final UnetConfig config;
    private final Conv2dLayer convIn;
    private final TimestepEmbedding timeEmbedding;
    private final List<Level> down = new ArrayList<>();
    private final ResnetBlock2D mid0;
    private final SpatialTransformer midAttention;
    private final ResnetBlock2D mid1;
    private final List<Level> up = new ArrayList<>();
    private final GroupNorm normOut;
    private final Conv2dLayer convOut;

    /** One level: its resnets and attentions, and a downsampler (down path) or an upsampler (up path), or neither. */
    private record Level(List<ResnetBlock2D> resnets, List<SpatialTransformer> attentions, Downsample2D downsampler,
                         Upsample2D upsampler) {
    }

    public UNet2DCondition(Params p, String prefix, UnetConfig cfg) {
        this.config = cfg;
        List<Integer> ch = cfg.blockOutChannels();
        int levels = ch.size();
        int g = cfg.normNumGroups();
        int c0 = ch.get(0);
        int temb = 4 * c0;
        this.convIn = new Conv2dLayer(p, Params.name(prefix, "conv_in"), cfg.inChannels(), c0, 3, 1, 1);
        this.timeEmbedding = new TimestepEmbedding(p, Params.name(prefix, "time_embedding"), c0, temb);

        Deque<Integer> skips = new ArrayDeque<>();
        skips.push(c0);
        int in = c0;
        for (int i = 0; i < levels; i++) {
            String bp = Params.name(prefix, "down_blocks." + i);
            int out = ch.get(i);
            List<ResnetBlock2D> rs = new ArrayList<>();
            List<SpatialTransformer> at = new ArrayList<>();
            for (int j = 0; j < cfg.layersPerBlock(); j++) {
                rs.add(new ResnetBlock2D(p, bp + ".resnets." + j, j == 0 ? in : out, out, temb, g, EPS));
                if (cfg.crossAttentionLevels().get(i)) {
                    at.add(new SpatialTransformer(p, bp + ".attentions." + j, out, cfg.heads(), cfg.crossAttentionDim(), g));
                }
                skips.push(out);
            }
            Downsample2D ds = null;
            if (i < levels - 1) {
                ds = new Downsample2D(p, bp + ".downsamplers.0", out, false);
                skips.push(out);
            }
            down.add(new Level(rs, at, ds, null));
            in = out;
        }
        int top = ch.get(levels - 1);
        String mp = Params.name(prefix, "mid_block");
        this.mid0 = new ResnetBlock2D(p, mp + ".resnets.0", top, top, temb, g, EPS);
        this.midAttention = new SpatialTransformer(p, mp + ".attentions.0", top, cfg.heads(), cfg.crossAttentionDim(), g);
        this.mid1 = new ResnetBlock2D(p, mp + ".resnets.1", top, top, temb, g, EPS);

        int prev = top;
        for (int i = 0; i < levels; i++) {
            int level = levels - 1 - i;
            int out = ch.get(level);
            String bp = Params.name(prefix, "up_blocks." + i);
            List<ResnetBlock2D> rs = new ArrayList<>();
            List<SpatialTransformer> at = new ArrayList<>();
            for (int j = 0; j < cfg.layersPerBlock() + 1; j++) {
                int skip = skips.pop();
                rs.add(new ResnetBlock2D(p, bp + ".resnets." + j, (j == 0 ? prev : out) + skip, out, temb, g, EPS));
                if (cfg.crossAttentionLevels().get(level)) {
                    at.add(new SpatialTransformer(p, bp + ".attentions." + j, out, cfg.heads(), cfg.crossAttentionDim(), g));
                }
            }
            Upsample2D us = i < levels - 1 ? new Upsample2D(p, bp + ".upsamplers.0", out) : null;
            up.add(new Level(rs, at, null, us));
            prev = out;
        }
        this.normOut = new GroupNorm(p, Params.name(prefix, "conv_norm_out"), g, c0, EPS);
        this.convOut = new Conv2dLayer(p, Params.name(prefix, "conv_out"), c0, cfg.outChannels(), 3, 1, 1);
    }

    public UnetConfig config() {
        return config;
    }

    /**
     * @param sample    noised latents [B, C, h, w]; h and w divisible by 2^(levels − 1)
     * @param timesteps one diffusion timestep per example
     * @param context   conditioning tokens [B, M, cross_attention_dim]
     * @return predicted noise, the shape of {@code sample}
     */
    public NDArray forward(NDArray sample, int[] timesteps, NDArray context) {
        long b = sample.getShape().get(0);
        if (timesteps.length != b) {
            throw new IllegalArgumentException("U-Net got " + timesteps.length + " timesteps for a batch of " + b);
        }
        NDArray temb = timeEmbedding.forward(sample.getManager(), timesteps);
        NDArray h = convIn.forward(sample);
        Deque<NDArray> skips = new ArrayDeque<>();
        skips.push(h);
        for (Level level : down) {
            for (int j = 0; j < level.resnets().size(); j++) {
                h = level.resnets().get(j).forward(h, temb);
                if (!level.attentions().isEmpty()) {
                    h = level.attentions().get(j).forward(h, context);
                }
                skips.push(h);
            }
            if (level.downsampler() != null) {
                h = level.downsampler().forward(h);
                skips.push(h);
            }
        }
        h = mid1.forward(midAttention.forward(mid0.forward(h, temb), context), temb);
        for (Level level : up) {
            for (int j = 0; j < level.resnets().size(); j++) {
                h = NDArrays.concat(new NDList(h, skips.pop()), 1);
                h = level.resnets().get(j).forward(h, temb);
                if (!level.attentions().isEmpty()) {
                    h = level.attentions().get(j).forward(h, context);
                }
            }
            if (level.upsampler() != null) {
                Shape skip = skips.peek().getShape();
                h = level.upsampler().forward(h, skip.get(2), skip.get(3));
            }
        }
        return convOut.forward(Silu.apply(normOut.forward(h)));
    }
}
