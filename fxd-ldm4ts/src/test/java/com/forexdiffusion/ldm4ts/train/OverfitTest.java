package com.forexdiffusion.ldm4ts.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.forexdiffusion.ldm4ts.model.GaussianNoise;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.Tensors;
import com.forexdiffusion.ldm4ts.scheduler.DdpmScheduler;
import com.forexdiffusion.ldm4ts.unet.UNet2DCondition;
import com.forexdiffusion.ldm4ts.unet.UnetConfig;
import com.forexdiffusion.ldm4ts.vae.AutoencoderKL;
import com.forexdiffusion.ldm4ts.vae.VaeConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Short trainings with a fixed seed: each network learns its small dataset. */
class OverfitTest {

    /** Eight 16×16 RGB images of smooth stripes in [−1, 1]. */
    private static float[] images() {
        float[] v = new float[8 * 3 * 16 * 16];
        for (int n = 0; n < 8; n++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        v[((n * 3 + c) * 16 + y) * 16 + x] = (float) Math.sin(0.3 * (n + 1) * x + 0.5 * c * y + n);
                    }
                }
            }
        }
        return v;
    }

    @Test
    void vaeReconstructsBetterThanTheBestConstantImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 3);
            AutoencoderKL vae = new AutoencoderKL(p, "vae", new VaeConfig(3, 3, List.of(32, 32), 1, 4, 32, 1, 16));
            float[] data = images();
            NDArray x = Tensors.of(m, data, new Shape(8, 3, 16, 16));
            double mean = 0;
            for (float f : data) {
                mean += f;
            }
            mean /= data.length;
            double constantMse = 0;
            for (float f : data) {
                constantMse += (f - mean) * (f - mean);
            }
            constantMse /= data.length;
            AdamW opt = new AdamW(p.train(n -> true), 0.9, 0.999, 1e-8, 0);
            for (int step = 0; step < 150; step++) {
                try (NDScope s = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    var q = vae.encode(x);
                    NDArray loss = vae.decode(q.mean()).sub(x).square().mean();
                    gc.backward(loss);
                }
                opt.update(2e-3, 1.0);
            }
            double mse;
            try (NDScope s = new NDScope()) {
                mse = vae.decode(vae.encode(x).mean()).sub(x).square().mean().getFloat();
            }
            assertThat(mse).isLessThan(0.5 * constantMse);
        }
    }

    @Test
    void unetNoiseLossFallsOnATinyDataset() {
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 4);
            UNet2DCondition unet = new UNet2DCondition(p, "unet",
                    new UnetConfig(4, 4, List.of(32, 32), 1, List.of(false, true), 16, 2, 32));
            DdpmScheduler sched = DdpmScheduler.cosine();
            SplittableRandom data = new SplittableRandom(1);
            NDArray latents = GaussianNoise.of(m, new Shape(8, 4, 8, 8), data);
            NDArray context = GaussianNoise.of(m, new Shape(8, 3, 16), data);
            // A fixed evaluation set of (t, ε) pairs, drawn once.
            int[] evalT = {50, 150, 300, 450, 600, 750, 850, 950};
            NDArray evalEps = GaussianNoise.of(m, latents.getShape(), new SplittableRandom(2));
            double before = epsLoss(unet, sched, latents, evalEps, evalT, context);
            AdamW opt = new AdamW(p.train(n -> true), 0.9, 0.999, 1e-8, 0);
            SplittableRandom r = new SplittableRandom(3);
            for (int step = 0; step < 120; step++) {
                int[] t = new int[8];
                for (int i = 0; i < 8; i++) {
                    t[i] = r.nextInt(1000);
                }
                try (NDScope s = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray eps = GaussianNoise.of(m, latents.getShape(), r);
                    NDArray xt = sched.addNoise(latents, eps, t);
                    NDArray loss = unet.forward(xt, t, context).sub(eps).square().mean();
                    gc.backward(loss);
                }
                opt.update(1e-3, 1.0);
            }
            double after = epsLoss(unet, sched, latents, evalEps, evalT, context);
            assertThat(before).isGreaterThan(0.5);
            assertThat(after).isLessThan(0.7 * before);
        }
    }

    private static double epsLoss(UNet2DCondition unet, DdpmScheduler s, NDArray x0, NDArray eps, int[] t, NDArray ctx) {
        try (NDScope scope = new NDScope()) {
            return unet.forward(s.addNoise(x0, eps, t), t, ctx).sub(eps).square().mean().getFloat();
        }
    }

}
