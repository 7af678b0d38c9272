package com.forexdiffusion.ldm4ts.vae;

import ai.djl.ndarray.NDArray;
import com.forexdiffusion.ldm4ts.nn.Conv2dLayer;
import com.forexdiffusion.ldm4ts.nn.Downsample2D;
import com.forexdiffusion.ldm4ts.nn.GroupNorm;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.ResnetBlock2D;
import com.forexdiffusion.ldm4ts.nn.Silu;
import com.forexdiffusion.ldm4ts.nn.SpatialSelfAttention;
import com.forexdiffusion.ldm4ts.nn.Upsample2D;

import java.util.ArrayList;
import java.util.List;

/**
 * diffusers' {@code AutoencoderKL}: an encoder to a diagonal Gaussian over latents and a decoder back to the
 * image, with diffusers' parameter names under the given prefix ({@code encoder.*}, {@code decoder.*},
 * {@code quant_conv}, {@code post_quant_conv}). Images are in [−1, 1].
 */
public final class AutoencoderKL {
    private static final float EPS = 1e-6f;
    private final VaeConfig config;
    private final Coder encoder;
    private final Coder decoder;
    private final Conv2dLayer quantConv;
    private final Conv2dLayer postQuantConv;

    public AutoencoderKL(Params p, String prefix, VaeConfig cfg) {
        this.config = cfg;
        this.encoder = Coder.encoder(p, Params.name(prefix, "encoder"), cfg);
        this.decoder = Coder.decoder(p, Params.name(prefix, "decoder"), cfg);
        int l = cfg.latentChannels();
        this.quantConv = new Conv2dLayer(p, Params.name(prefix, "quant_conv"), 2 * l, 2 * l, 1, 1, 0);
        this.postQuantConv = new Conv2dLayer(p, Params.name(prefix, "post_quant_conv"), l, l, 1, 1, 0);
    }

    public VaeConfig config() {
        return config;
    }

    /** image [B, in, H, W] in [−1, 1] → posterior over [B, latent, H/f, W/f] (unscaled). */
    public DiagonalGaussian encode(NDArray image) {
        return DiagonalGaussian.of(quantConv.forward(encoder.forward(image)));
    }

    /** latent [B, latent, h, w] (unscaled) → image [B, out, h·f, w·f]. */
    public NDArray decode(NDArray latent) {
        return decoder.forward(postQuantConv.forward(latent));
    }

    /** The encoder or decoder stack; they share the mid block and the output head. */
    private static final class Coder {
        private final boolean isEncoder;
        private final Conv2dLayer convIn;
        private final List<List<ResnetBlock2D>> blocks = new ArrayList<>();
        /** Per level, the encoder's downsampler or the decoder's upsampler; null at the last level. */
        private final List<Downsample2D> downsamplers = new ArrayList<>();
        private final List<Upsample2D> upsamplers = new ArrayList<>();
        private final ResnetBlock2D mid0;
        private final SpatialSelfAttention midAttention;
        private final ResnetBlock2D mid1;
        private final GroupNorm normOut;
        private final Conv2dLayer convOut;

        private Coder(Params p, String prefix, VaeConfig cfg, boolean isEncoder) {
            this.isEncoder = isEncoder;
            List<Integer> ch = cfg.blockOutChannels();
            int levels = ch.size();
            int g = cfg.normNumGroups();
            int top = ch.get(levels - 1);
            if (isEncoder) {
                convIn = new Conv2dLayer(p, Params.name(prefix, "conv_in"), cfg.inChannels(), ch.get(0), 3, 1, 1);
                int in = ch.get(0);
                for (int i = 0; i < levels; i++) {
                    String bp = Params.name(prefix, "down_blocks." + i);
                    List<ResnetBlock2D> rs = new ArrayList<>();
                    for (int j = 0; j < cfg.layersPerBlock(); j++) {
                        rs.add(new ResnetBlock2D(p, bp + ".resnets." + j, j == 0 ? in : ch.get(i), ch.get(i), 0, g, EPS));
                    }
                    blocks.add(rs);
                    downsamplers.add(i < levels - 1 ? new Downsample2D(p, bp + ".downsamplers.0", ch.get(i), true) : null);
                    in = ch.get(i);
                }
            } else {
                convIn = new Conv2dLayer(p, Params.name(prefix, "conv_in"), cfg.latentChannels(), top, 3, 1, 1);
            }
            String mp = Params.name(prefix, "mid_block");
            ResnetBlock2D m0 = new ResnetBlock2D(p, mp + ".resnets.0", top, top, 0, g, EPS);
            SpatialSelfAttention ma = new SpatialSelfAttention(p, mp + ".attentions.0", top, g);
            ResnetBlock2D m1 = new ResnetBlock2D(p, mp + ".resnets.1", top, top, 0, g, EPS);
            this.mid0 = m0;
            this.midAttention = ma;
            this.mid1 = m1;
            if (!isEncoder) {
                int prev = top;
                for (int i = 0; i < levels; i++) {
                    int out = ch.get(levels - 1 - i);
                    String bp = Params.name(prefix, "up_blocks." + i);
                    List<ResnetBlock2D> rs = new ArrayList<>();
                    for (int j = 0; j < cfg.layersPerBlock() + 1; j++) {
                        rs.add(new ResnetBlock2D(p, bp + ".resnets." + j, j == 0 ? prev : out, out, 0, g, EPS));
                    }
                    blocks.add(rs);
                    upsamplers.add(i < levels - 1 ? new Upsample2D(p, bp + ".upsamplers.0", out) : null);
                    prev = out;
                }
            }
            int last = isEncoder ? top : ch.get(0);
            this.normOut = new GroupNorm(p, Params.name(prefix, "conv_norm_out"), g, last, EPS);
            this.convOut = new Conv2dLayer(p, Params.name(prefix, "conv_out"), last,
                    isEncoder ? 2 * cfg.latentChannels() : cfg.outChannels(), 3, 1, 1);
        }

        static Coder encoder(Params p, String prefix, VaeConfig cfg) {
            return new Coder(p, prefix, cfg, true);
        }

        static Coder decoder(Params p, String prefix, VaeConfig cfg) {
            return new Coder(p, prefix, cfg, false);
        }

        NDArray forward(NDArray x) {
            NDArray h = convIn.forward(x);
            if (isEncoder) {
                h = levels(h);
            }
            h = mid1.forward(midAttention.forward(mid0.forward(h, null)), null);
            if (!isEncoder) {
                h = levels(h);
            }
            return convOut.forward(Silu.apply(normOut.forward(h)));
        }

        private NDArray levels(NDArray x) {
            NDArray h = x;
            for (int i = 0; i < blocks.size(); i++) {
                for (ResnetBlock2D r : blocks.get(i)) {
                    h = r.forward(h, null);
                }
                if (isEncoder && downsamplers.get(i) != null) {
                    h = downsamplers.get(i).forward(h);
                } else if (!isEncoder && upsamplers.get(i) != null) {
                    h = upsamplers.get(i).forward(h);
                }
            }
            return h;
        }
    }
}
