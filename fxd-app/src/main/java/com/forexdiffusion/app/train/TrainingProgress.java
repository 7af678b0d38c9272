package com.forexdiffusion.app.train;

import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.data.models.ModelRecords;
import com.forexdiffusion.ldm4ts.checkpoint.EpochRecord;
import com.forexdiffusion.ldm4ts.train.TrainingListener;

import java.util.List;
import java.util.Locale;

/** The CLI face of training: a progress bar per stage with loss and windows/s, and the run's DB row. */
final class TrainingProgress implements TrainingListener, AutoCloseable {
    private final ModelRecords records;
    private final String runId;
    private final List<EpochRecord> epochs;
    private final int totalEpochs;
    private ConsoleProgress progress;
    private String stage = "";
    private long total;

    TrainingProgress(ModelRecords records, String runId, List<EpochRecord> epochs, int totalEpochs) {
        this.records = records;
        this.runId = runId;
        this.epochs = epochs;
        this.totalEpochs = totalEpochs;
    }

    @Override
    public void stage(String name, long total) {
        close();
        this.stage = name;
        this.total = total;
        this.progress = new ConsoleProgress(name, "windows");
        progress.update(0, total);
    }

    @Override
    public void progress(long done, double loss, double rate) {
        progress.update(done, total);
        if (!Double.isNaN(loss)) {
            progress.message(String.format(Locale.ROOT, "loss %.4f, %.1f windows/s", loss, rate));
        }
    }

    @Override
    public void epoch(EpochRecord r) {
        epochs.add(r);
        long denoiser = epochs.stream().filter(e -> e.stage().equals("denoiser")).count();
        records.progress(runId, stage, Math.min(1, (double) denoiser / Math.max(1, totalEpochs)), Json.write(epochs));
        if (r.validation() != null) {
            System.err.printf(Locale.ROOT, "%nepoch %d: train loss %.4f, validation loss %.4f%n", r.epoch(),
                    r.trainLoss(), r.validationLoss());
            r.validation().horizons().forEach((h, m) -> System.err.printf(Locale.ROOT, "  %s min: MSE ratio %.4f, "
                            + "direction %.1f%%, CRPS %.4e, raw coverage90 %.1f%%%n", h, m.mseRatio(),
                    100 * m.directionalAccuracy(), m.crps(), 100 * m.coverage90()));
        }
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.close();
            progress = null;
        }
    }
}
