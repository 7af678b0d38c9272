package com.forexdiffusion.ldm4ts.service;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.ldm4ts.model.DiffusionConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;

/**
 * How a trained checkpoint draws its samples, changed at inference to compare samplers on the same weights:
 * DDIM steps over the whole schedule (the start strength stays, so 2 · k steps denoise in k U-Net passes from
 * t = 500) and diffusion noises per window (the S samples share them in turn). 0 keeps the checkpoint's setting.
 * An override is part of the forecaster's version, so cached forecasts of one sampler never stand in for another's.
 *
 * @param samplingSteps DDIM steps over the whole schedule, or 0
 * @param draws         diffusion noises per window, or 0
 */
public record SamplerOverride(int samplingSteps, int draws) {
    public static final SamplerOverride NONE = new SamplerOverride(0, 0);

    public SamplerOverride {
        if (samplingSteps < 0) {
            throw BadInputException.ofField("sampling-steps", "must be at least 1 (or 0 for the checkpoint's), got "
                    + samplingSteps);
        }
        if (draws < 0) {
            throw BadInputException.ofField("draws", "must be at least 1 (or 0 for the checkpoint's), got " + draws);
        }
    }

    /**
     * Reads {@code steps=N&draws=M} (either may be left out), the query of a forecaster spec such as
     * {@code ldm4ts:DIR?draws=50}.
     */
    public static SamplerOverride parse(String query, String field) {
        int steps = 0;
        int draws = 0;
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            String key = kv[0].trim();
            if (kv.length != 2 || !(key.equals("steps") || key.equals("draws"))) {
                throw BadInputException.ofField(field, "expected steps=N and/or draws=N after '?', got '" + part + "'");
            }
            int v;
            try {
                v = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw BadInputException.ofField(field, key + " must be a whole number, got '" + kv[1] + "'");
            }
            if (v < 1) {
                throw BadInputException.ofField(field, key + " must be at least 1, got " + v);
            }
            if (key.equals("steps")) {
                steps = v;
            } else {
                draws = v;
            }
        }
        return new SamplerOverride(steps, draws);
    }

    public boolean isNone() {
        return samplingSteps == 0 && draws == 0;
    }

    public Ldm4tsConfig apply(Ldm4tsConfig c) {
        DiffusionConfig d = c.diffusion();
        if (samplingSteps > 0) {
            if (samplingSteps > d.trainTimesteps()) {
                throw BadInputException.ofField("sampling-steps", "must be at most " + d.trainTimesteps() + ", got "
                        + samplingSteps);
            }
            d = d.withSamplingSteps(samplingSteps);
        }
        if (draws > 0) {
            d = d.withDraws(draws);
        }
        return c.withSampling(c.headNoise(), d);
    }

    /** Appended to the model version: empty for none. */
    public String versionSuffix() {
        if (isNone()) {
            return "";
        }
        return "+" + (samplingSteps > 0 ? "steps" + samplingSteps : "") + (samplingSteps > 0 && draws > 0 ? "," : "")
                + (draws > 0 ? "draws" + draws : "");
    }
}
