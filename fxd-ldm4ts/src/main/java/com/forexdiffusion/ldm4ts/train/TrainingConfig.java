package com.forexdiffusion.ldm4ts.train;

/**
 * How to train (SPEC §4 "Training").
 *
 * @param vaeEpochs         stage-1 epochs over the VAE image subset
 * @param maxVaeImages      training windows whose images train the VAE (evenly spaced over the train split)
 * @param epochs            stage-2 epochs
 * @param batchSize         windows per step
 * @param vaeLearningRate   stage-1 peak learning rate
 * @param learningRate      stage-2 peak learning rate
 * @param weightDecay       AdamW decoupled decay (matrices and kernels only)
 * @param warmupFraction    share of a stage's steps spent warming the learning rate up linearly; cosine after
 * @param clipNorm          global gradient-norm clip
 * @param emaDecay          EMA decay of the evaluated and saved weights
 * @param patience          stage-2 epochs without validation improvement before stopping
 * @param klWeight          β of the VAE's KL term (per latent element)
 * @param trainStride       use every k-th training window (1 = all)
 * @param validationWindows validation windows evaluated per epoch (evenly spaced)
 * @param validationSamples Monte Carlo samples per validation window
 * @param lossSamples       samples m drawn per training window for the loss (m ≥ 2 for the fair CRPS)
 * @param maxMinutes        wall-time budget for the whole run (0 = none); stage 1 gets at most a quarter
 * @param seed              every random draw derives from it
 */
public record TrainingConfig(int vaeEpochs, int maxVaeImages, int epochs, int batchSize, double vaeLearningRate,
                             double learningRate, double weightDecay, double warmupFraction, double clipNorm,
                             double emaDecay, int patience, double klWeight, int trainStride, int validationWindows,
                             int validationSamples, int lossSamples, double maxMinutes, long seed) {
    public TrainingConfig {
        if (epochs < 0 || vaeEpochs < 0 || batchSize < 1 || trainStride < 1 || validationWindows < 1
                || validationSamples < 1 || lossSamples < 1 || patience < 1 || maxVaeImages < 1) {
            throw new IllegalArgumentException("training settings out of range: epochs " + epochs + ", vae epochs "
                    + vaeEpochs + ", batch " + batchSize + ", stride " + trainStride + ", patience " + patience);
        }
        if (!(learningRate > 0) || !(vaeLearningRate > 0) || maxMinutes < 0) {
            throw new IllegalArgumentException("learning rates must be positive and max minutes not negative");
        }
    }

    public static TrainingConfig defaults(long seed) {
        return new TrainingConfig(2, 6000, 10, 32, 1e-3, 5e-4, 0.01, 0.05, 1.0, 0.999, 3, 1e-6, 1, 512, 50, 8, 0, seed);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(vaeEpochs, maxVaeImages, e, batchSize, vaeLearningRate, learningRate, weightDecay,
                warmupFraction, clipNorm, emaDecay, patience, klWeight, trainStride, validationWindows,
                validationSamples, lossSamples, maxMinutes, seed);
    }

    public TrainingConfig withMaxMinutes(double m) {
        return new TrainingConfig(vaeEpochs, maxVaeImages, epochs, batchSize, vaeLearningRate, learningRate, weightDecay,
                warmupFraction, clipNorm, emaDecay, patience, klWeight, trainStride, validationWindows,
                validationSamples, lossSamples, m, seed);
    }

    public TrainingConfig withSizes(int vaeEpochs, int maxVaeImages, int batchSize, int trainStride,
                                    int validationWindows, int validationSamples) {
        return new TrainingConfig(vaeEpochs, maxVaeImages, epochs, batchSize, vaeLearningRate, learningRate, weightDecay,
                warmupFraction, clipNorm, emaDecay, patience, klWeight, trainStride, validationWindows,
                validationSamples, lossSamples, maxMinutes, seed);
    }

    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(vaeEpochs, maxVaeImages, epochs, batchSize, vaeLearningRate, lr, weightDecay,
                warmupFraction, clipNorm, emaDecay, patience, klWeight, trainStride, validationWindows,
                validationSamples, lossSamples, maxMinutes, seed);
    }

    public TrainingConfig withLossSamples(int m) {
        return new TrainingConfig(vaeEpochs, maxVaeImages, epochs, batchSize, vaeLearningRate, learningRate, weightDecay,
                warmupFraction, clipNorm, emaDecay, patience, klWeight, trainStride, validationWindows,
                validationSamples, m, maxMinutes, seed);
    }

    /** Linear warm-up then cosine decay to 0 over the stage's total steps. */
    public static double learningRate(double peak, long step, long total, double warmupFraction) {
        long warm = Math.max(1, (long) Math.ceil(total * warmupFraction));
        if (step < warm) {
            return peak * (step + 1) / warm;
        }
        double progress = Math.min(1, (double) (step - warm) / Math.max(1, total - warm));
        return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
