package com.forexdiffusion.trading.optimisation.sampler;

import com.forexdiffusion.core.BadInputException;

import java.util.List;

/** The samplers by their command-line name. */
public final class Samplers {
    public static final List<String> NAMES = List.of("tpe", "gp", "random");

    private Samplers() {
    }

    public static Sampler byName(String name) {
        return switch (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT)) {
            case "tpe" -> TpeSampler.builder().build();
            case "tpe-multivariate" -> TpeSampler.builder().multivariate(true).build();
            case "gp" -> GpEiSampler.builder().build();
            case "random" -> new RandomSampler();
            default -> throw BadInputException.ofField("sampler", "must be one of tpe, gp, random"
                    + " (or tpe-multivariate), got '" + name + "'");
        };
    }
}
