package com.forexdiffusion.ldm4ts.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Where stage 2 stood at the end of an epoch, for a resume that continues exactly: saved with the live weights,
 * the EMA averages and the optimiser moments in {@code resume.safetensors}. The random draws of an epoch derive
 * from the seed and the epoch number, so nothing else is needed to replay the rest of the run.
 *
 * @param epoch        the last completed epoch
 * @param step         optimiser steps so far
 * @param sinceBest    epochs since the validation loss last improved (the early-stopping counter)
 * @param emaUpdates   EMA updates so far
 * @param best         the best validation loss so far
 * @param bestMetrics  the validation metrics of the best epoch
 * @param history      every epoch so far, both stages
 * @param skippedSteps optimiser steps skipped for a non-finite loss or gradient
 * @param vaeWindowsPerSecond stage-1 throughput of the run
 */
public record ResumeState(int epoch, long step, @JsonProperty("since_best") int sinceBest,
                          @JsonProperty("ema_updates") long emaUpdates, double best,
                          @JsonProperty("best_metrics") ValidationMetrics bestMetrics, List<EpochRecord> history,
                          @JsonProperty("skipped_steps") long skippedSteps,
                          @JsonProperty("vae_windows_per_second") double vaeWindowsPerSecond) {
    public ResumeState {
        history = List.copyOf(history);
    }
}
