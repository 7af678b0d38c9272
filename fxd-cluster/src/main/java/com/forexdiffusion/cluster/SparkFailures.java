package com.forexdiffusion.cluster;

import com.forexdiffusion.core.FxdException;
import org.apache.spark.SparkException;

/** What a failed Spark job says to the user: the first cause that names the problem, not Spark's job-abort wrapper. */
final class SparkFailures {
    private SparkFailures() {
    }

    /** The project's own error as it was thrown on the executor, or one line naming what failed. */
    static RuntimeException cause(Exception e, String what) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof SparkException || t.getMessage() == null)) {
            t = t.getCause();
        }
        if (t instanceof FxdException fe) {
            return fe;
        }
        String msg = t == e && e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("") : t.toString();
        return new FxdException(what + " failed on the cluster: " + msg, e);
    }
}
