package com.forexdiffusion.trading.optimisation.study;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A study killed with SIGKILL resumes to the uninterrupted trial sequence (SQLite); the store's other behaviour is
 * the {@link StudyStoreContract}, run on SQLite and PostgreSQL.
 */
class StudyResumeTest {
    static final int TRIALS = 24;

    @TempDir
    Path dir;

    /** Trial number, parameters and objective: what must be equal between two runs. */
    static List<String> sequence(List<TrialRecord> trials) {
        return trials.stream().map(t -> t.number() + " " + t.state() + " " + t.params() + " " + t.objective()).toList();
    }

    private List<TrialRecord> uninterrupted() {
        try (Database db = Database.open("sqlite:" + dir.resolve("full.db"))) {
            return StudyFixture.runner(new StudyStore(db, "test"), TRIALS, 1, StudyFixture.branin(0, null)).run();
        }
    }

    @Test
    void aStudyKilledWithSigkillResumesToTheUninterruptedSequence() throws Exception {
        List<TrialRecord> full = uninterrupted();
        Path file = dir.resolve("killed.db");
        try (Database db = Database.open("sqlite:" + file)) {
            StudyStore store = new StudyStore(db, "test");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    StudyChild.class.getName(), "sqlite:" + file, String.valueOf(TRIALS), "1", "150")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (doneCount(store) < 8) {
                assertThat(child.isAlive()).as("the child study is running (see child.log)").isTrue();
                assertThat(System.nanoTime()).as("8 trials within 60 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            List<TrialRecord> left = store.trials("branin");
            long done = left.stream().filter(t -> t.state() == TrialRecord.TrialState.DONE).count();
            assertThat(done).isBetween(8L, (long) TRIALS - 1);
            // What the killed process left is a prefix of the uninterrupted study.
            for (TrialRecord t : left) {
                if (t.state() == TrialRecord.TrialState.DONE) {
                    assertThat(sequence(List.of(t))).isEqualTo(sequence(List.of(full.get(t.number()))));
                }
            }
            AtomicInteger calls = new AtomicInteger();
            List<TrialRecord> resumed = StudyFixture.runner(store, TRIALS, 1, StudyFixture.branin(0, calls)).run();
            assertThat(sequence(resumed)).isEqualTo(sequence(full));
            // Only the trials not finished before the kill ran again: none lost, none run twice.
            assertThat(calls.get()).isEqualTo(TRIALS - (int) done);
        }
    }

    private static long doneCount(StudyStore store) {
        try {
            return store.trials("branin").stream().filter(t -> t.state() == TrialRecord.TrialState.DONE).count();
        } catch (FxdException e) {
            return 0; // the child may not have created the study yet
        }
    }
}
