package com.forexdiffusion.ldm4ts.train;

import com.forexdiffusion.ldm4ts.checkpoint.EpochRecord;

/** Progress of a training run, for a progress bar or progress events. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    /** A stage ("vae", "latents", "denoiser", "validation") starts with this many units of work. */
    default void stage(String name, long total) {
    }

    /** Work done within the stage, the running loss and the throughput in windows per second. */
    default void progress(long done, double loss, double windowsPerSecond) {
    }

    default void epoch(EpochRecord record) {
    }
}
