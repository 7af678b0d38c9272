package com.forexdiffusion.web.runs;

import com.forexdiffusion.core.ProgressListener;

/** Runs one job to its end (the application runs the same code as the CLI commands). */
@FunctionalInterface
public interface JobRunner {
    /** @return where the result is (a report directory), shown on the Runs page */
    String run(String jobId, JobRequest request, ProgressListener progress) throws Exception;

    JobRunner NONE = (id, r, p) -> {
        throw new IllegalStateException("this server was started without a job runner");
    };
}
