package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.unet.UNet2DCondition;
import com.forexdiffusion.ldm4ts.unet.UnetConfig;
import com.forexdiffusion.ldm4ts.vae.AutoencoderKL;
import com.forexdiffusion.ldm4ts.vae.DiagonalGaussian;
import com.forexdiffusion.ldm4ts.vae.VaeConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BlockShapesTest {

    @Test
    void everyBlockKeepsOrChangesShapeAsDesigned() {
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 1);
            NDArray x = m.randomNormal(new Shape(2, 32, 8, 8));
            NDArray temb = m.randomNormal(new Shape(2, 64));
            NDArray ctx = m.randomNormal(new Shape(2, 5, 16));
            assertThat(new ResnetBlock2D(p, "r", 32, 64, 64, 32, 1e-5f).forward(x, temb).getShape())
                    .isEqualTo(new Shape(2, 64, 8, 8));
            assertThat(new Downsample2D(p, "dv", 32, true).forward(x).getShape()).isEqualTo(new Shape(2, 32, 4, 4));
            assertThat(new Downsample2D(p, "du", 32, false).forward(x).getShape()).isEqualTo(new Shape(2, 32, 4, 4));
            assertThat(new Upsample2D(p, "u", 32).forward(x).getShape()).isEqualTo(new Shape(2, 32, 16, 16));
            assertThat(new SpatialTransformer(p, "t", 32, 4, 16, 32).forward(x, ctx).getShape()).isEqualTo(x.getShape());
            assertThat(new SpatialSelfAttention(p, "a", 32, 32).forward(x).getShape()).isEqualTo(x.getShape());
            assertThat(new TimestepEmbedding(p, "te", 32, 64).forward(m, new int[] {1, 500}).getShape())
                    .isEqualTo(new Shape(2, 64));
            assertThat(new TransformerBlock(p, "tb", 16, 2, 0).forward(ctx, null).getShape()).isEqualTo(ctx.getShape());
        }
    }

    @Test
    void autoencoderAndUnetAtCompactSizes() {
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 1);
            AutoencoderKL vae = new AutoencoderKL(p, "vae", VaeConfig.compact());
            DiagonalGaussian q = vae.encode(m.randomUniform(-1, 1, new Shape(2, 3, 64, 64)));
            assertThat(q.mean().getShape()).isEqualTo(new Shape(2, 4, 16, 16));
            assertThat(vae.decode(q.mean()).getShape()).isEqualTo(new Shape(2, 3, 64, 64));
            UNet2DCondition unet = new UNet2DCondition(p, "unet", UnetConfig.compact(128));
            NDArray eps = unet.forward(m.randomNormal(new Shape(2, 4, 16, 16)), new int[] {10, 900},
                    m.randomNormal(new Shape(2, 7, 128)));
            assertThat(eps.getShape()).isEqualTo(new Shape(2, 4, 16, 16));
            // diffusers names, as the SD VAE's file uses them
            assertThat(p.tensors()).containsKeys("vae.encoder.down_blocks.0.resnets.0.conv1.weight",
                    "vae.encoder.mid_block.attentions.0.to_q.weight", "vae.decoder.up_blocks.0.upsamplers.0.conv.weight",
                    "vae.quant_conv.weight", "unet.down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_k.weight",
                    "unet.up_blocks.0.resnets.1.conv_shortcut.weight", "unet.time_embedding.linear_1.weight");
            assertThat(p.tensors()).doesNotContainKey("unet.down_blocks.0.attentions.0.norm.weight");
        }
    }

    @Test
    void unetHandlesLatentsThatDoNotHalveEvenly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 1);
            // 7 → 4 → 2 and back to 4 → 7, as the paper profile's 28 → 14 → 7 → 4 → 7 does
            UNet2DCondition unet = new UNet2DCondition(p, "unet", new UnetConfig(4, 4, List.of(32, 32, 32), 1,
                    List.of(true, false, false), 16, 2, 32));
            NDArray eps = unet.forward(m.randomNormal(new Shape(1, 4, 7, 7)), new int[] {3},
                    m.randomNormal(new Shape(1, 2, 16)));
            assertThat(eps.getShape()).isEqualTo(new Shape(1, 4, 7, 7));
            // nearest upsampling 2 → 3 takes rows 0, 0, 1 (⌊i · 2 / 3⌋)
            NDArray x = Tensors.of(m, new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray up = x.repeat(2, 2).repeat(3, 2).get(":, :, 0:3, 0:3");
            assertThat(up.toFloatArray()).containsExactly(1, 1, 2, 1, 1, 2, 3, 3, 4);
        }
    }

    @Test
    void configsRejectSizesThatCannotWork() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new VaeConfig(3, 3, List.of(30, 60), 1, 4, 32, 1, 64))
                .hasMessageContaining("norm_num_groups");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new UnetConfig(4, 4, List.of(64, 128), 1,
                List.of(true), 128, 4, 32)).hasMessageContaining("cross_attention_levels");
    }
}
