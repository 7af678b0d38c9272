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
 * @param earlyStopOn       the validation figure that picks the best epoch and stops training: "loss" (the
 *                          forecast term of the training loss) or "mse-ratio" (the MSE of the mean forecast over the
 *                          zero return's, averaged over horizons: the point accuracy an FX model must win on)
 */
public record TrainingConfig(int vaeEpochs, int maxVaeImages, int epochs, int batchSize, double vaeLearningRate,
                             double learningRate, double weightDecay, double warmupFraction, double clipNorm,
                             double emaDecay, int patience, double klWeight, int trainStride, int validationWindows,
                             int validationSamples, int lossSamples, double maxMinutes, long seed, String earlyStopOn,
                             String meanCorrection) {
    public static final String STOP_ON_LOSS = "loss";
    /** The validation split fits α and β of the mean's correction ({@code Shrinkage}), the default. */
    public static final String CORRECT_FULL = "full";
    /** Only β: the explicit pathway's forecast is kept whole. */
    public static final String CORRECT_BRANCH = "branch";
    public static final String CORRECT_NONE = "none";
    public static final String STOP_ON_MSE_RATIO = "mse-ratio";

    public TrainingConfig {
        if (epochs < 0 || vaeEpochs < 0 || batchSize < 1 || trainStride < 1 || validationWindows < 1
                || validationSamples < 1 || lossSamples < 1 || patience < 1 || maxVaeImages < 1) {
            throw new IllegalArgumentException("training settings out of range: epochs " + epochs + ", vae epochs "
                    + vaeEpochs + ", batch " + batchSize + ", stride " + trainStride + ", patience " + patience);
        }
        if (!(learningRate > 0) || !(vaeLearningRate > 0) || maxMinutes < 0) {
            throw new IllegalArgumentException("learning rates must be positive and max minutes not negative");
        }
        if (!STOP_ON_LOSS.equals(earlyStopOn) && !STOP_ON_MSE_RATIO.equals(earlyStopOn)) {
            throw new IllegalArgumentException("early stopping reads loss or mse-ratio, got " + earlyStopOn);
        }
        if (!java.util.List.of(CORRECT_FULL, CORRECT_BRANCH, CORRECT_NONE).contains(meanCorrection)) {
            throw new IllegalArgumentException("the mean's correction is full, branch or none, got " + meanCorrection);
        }
    }

    public static TrainingConfig defaults(long seed) {
        return builder().seed(seed).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().vaeEpochs(vaeEpochs).maxVaeImages(maxVaeImages).epochs(epochs).batchSize(batchSize)
                .vaeLearningRate(vaeLearningRate).learningRate(learningRate).weightDecay(weightDecay)
                .warmupFraction(warmupFraction).clipNorm(clipNorm).emaDecay(emaDecay).patience(patience)
                .klWeight(klWeight).trainStride(trainStride).validationWindows(validationWindows)
                .validationSamples(validationSamples).lossSamples(lossSamples).maxMinutes(maxMinutes).seed(seed)
                .earlyStopOn(earlyStopOn).meanCorrection(meanCorrection);
    }

    public TrainingConfig withEpochs(int e) {
        return toBuilder().epochs(e).build();
    }

    public TrainingConfig withMaxMinutes(double m) {
        return toBuilder().maxMinutes(m).build();
    }

    public TrainingConfig withSizes(int vaeEpochs, int maxVaeImages, int batchSize, int trainStride,
                                    int validationWindows, int validationSamples) {
        return toBuilder().vaeEpochs(vaeEpochs).maxVaeImages(maxVaeImages).batchSize(batchSize)
                .trainStride(trainStride).validationWindows(validationWindows).validationSamples(validationSamples)
                .build();
    }

    public TrainingConfig withLearningRate(double lr) {
        return toBuilder().learningRate(lr).build();
    }

    public TrainingConfig withLossSamples(int m) {
        return toBuilder().lossSamples(m).build();
    }

    /** Named setters with the defaults of SPEC §4; {@link #build()} validates. */
    public static final class Builder {
        private int vaeEpochs = 2;
        private int maxVaeImages = 6000;
        private int epochs = 10;
        private int batchSize = 32;
        private double vaeLearningRate = 1e-3;
        private double learningRate = 5e-4;
        private double weightDecay = 0.01;
        private double warmupFraction = 0.05;
        private double clipNorm = 1.0;
        private double emaDecay = 0.999;
        private int patience = 3;
        private double klWeight = 1e-6;
        private int trainStride = 1;
        private int validationWindows = 512;
        private int validationSamples = 50;
        private int lossSamples = 8;
        private double maxMinutes;
        private long seed;
        private String earlyStopOn = STOP_ON_LOSS;
        private String meanCorrection = CORRECT_FULL;

        private Builder() {
        }

        public Builder vaeEpochs(int v) { vaeEpochs = v; return this; }
        public Builder maxVaeImages(int v) { maxVaeImages = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder vaeLearningRate(double v) { vaeLearningRate = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder warmupFraction(double v) { warmupFraction = v; return this; }
        public Builder clipNorm(double v) { clipNorm = v; return this; }
        public Builder emaDecay(double v) { emaDecay = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder klWeight(double v) { klWeight = v; return this; }
        public Builder trainStride(int v) { trainStride = v; return this; }
        public Builder validationWindows(int v) { validationWindows = v; return this; }
        public Builder validationSamples(int v) { validationSamples = v; return this; }
        public Builder lossSamples(int v) { lossSamples = v; return this; }
        public Builder maxMinutes(double v) { maxMinutes = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder earlyStopOn(String v) { earlyStopOn = v; return this; }
        public Builder meanCorrection(String v) { meanCorrection = v; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(vaeEpochs, maxVaeImages, epochs, batchSize, vaeLearningRate, learningRate,
                    weightDecay, warmupFraction, clipNorm, emaDecay, patience, klWeight, trainStride,
                    validationWindows, validationSamples, lossSamples, maxMinutes, seed, earlyStopOn, meanCorrection);
        }
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
