package com.forexdiffusion.app.forecast;

import com.forexdiffusion.ldm4ts.service.SamplerOverride;
import picocli.CommandLine.Option;

/** Options that change how a checkpoint draws its samples, for comparing samplers on the same weights. */
public final class SamplerOptions {
    @Option(names = "--sampling-steps", defaultValue = "0", paramLabel = "N", description = "DDIM steps over the whole "
            + "schedule (from the checkpoint's start strength, so 2·k steps are k U-Net passes from t = 500); "
            + "0 keeps the checkpoint's (default: ${DEFAULT-VALUE}).")
    int samplingSteps;

    @Option(names = "--draws", defaultValue = "0", paramLabel = "N", description = "Diffusion noises per window, "
            + "shared in turn by the samples (1 = one U-Net pass per window); 0 keeps the checkpoint's "
            + "(default: ${DEFAULT-VALUE}).")
    int draws;

    public SamplerOverride override() {
        return new SamplerOverride(samplingSteps, draws);
    }
}
