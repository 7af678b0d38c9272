package com.forexdiffusion.web.runs;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Jobs of this process, run one at a time in submission order on a thread of their own (a backtest takes both
 * cores of a small machine; two at once would only slow each other). Every change of a job's state goes to the
 * listener (the live hub).
 */
public final class JobQueue implements AutoCloseable {
    static final int MAX_QUEUED = 20;
    private final JobRunner runner;
    private final InstantSource clock;
    private final Consumer<Job> listener;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fxd-web-jobs");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final AtomicLong seq = new AtomicLong();

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    /** A snapshot of one job; progress in [0, 1], rate per second and eta in seconds once known. */
    public record Job(String id, JobRequest request, Status status, double progress, long submittedAt, Long startedAt,
                      Long finishedAt, Double ratePerSecond, Double etaSeconds, String result, String error) {
        Job with(Status s, double p, Long started, Long finished, Double rate, Double eta, String res, String err) {
            return new Job(id, request, s, p, submittedAt, started, finished, rate, eta, res, err);
        }
    }

    public JobQueue(JobRunner runner, InstantSource clock, Consumer<Job> listener) {
        this.runner = runner;
        this.clock = clock;
        this.listener = listener;
    }

    public synchronized Job submit(JobRequest request) {
        long waiting = jobs.values().stream().filter(j -> j.status() == Status.QUEUED).count();
        if (waiting >= MAX_QUEUED) {
            throw new IllegalStateException(waiting + " jobs are already waiting");
        }
        String id = "job-" + seq.incrementAndGet() + "-" + Long.toString(clock.millis(), 36);
        Job j = new Job(id, request, Status.QUEUED, 0, clock.millis(), null, null, null, null, null, null);
        jobs.put(id, j);
        listener.accept(j);
        worker.submit(() -> run(id));
        return j;
    }

    public synchronized Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public synchronized List<Job> all() {
        return new ArrayList<>(jobs.values());
    }

    private void run(String id) {
        long start = clock.millis();
        update(id, j -> j.with(Status.RUNNING, 0, start, null, null, null, null, null));
        try {
            String result = runner.run(id, jobs(id).request(), (done, total) -> progress(id, start, done, total));
            update(id, j -> j.with(Status.DONE, 1, start, clock.millis(), j.ratePerSecond(), 0.0, result, null));
        } catch (Exception | Error e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            update(id, j -> j.with(Status.FAILED, j.progress(), start, clock.millis(), null, null, null, msg));
        }
    }

    private void progress(String id, long start, long done, long total) {
        double p = total > 0 ? Math.min(1, (double) done / total) : 0;
        double secs = Math.max(1e-3, (clock.millis() - start) / 1000.0);
        double rate = done / secs;
        Double eta = rate > 0 && total > 0 ? (total - done) / rate : null;
        update(id, j -> j.with(Status.RUNNING, p, start, null, rate, eta, null, null));
    }

    private synchronized Job jobs(String id) {
        return jobs.get(id);
    }

    private void update(String id, java.util.function.UnaryOperator<Job> f) {
        Job next;
        synchronized (this) {
            next = f.apply(jobs.get(id));
            jobs.put(id, next);
        }
        listener.accept(next);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
