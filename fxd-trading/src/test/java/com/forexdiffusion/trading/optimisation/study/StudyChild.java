package com.forexdiffusion.trading.optimisation.study;

import com.forexdiffusion.data.store.Database;

/** A study in a process of its own, for the kill -9 test: args DB_URL TRIALS WORKERS SLEEP_MS. */
public final class StudyChild {
    private StudyChild() {
    }

    public static void main(String[] args) {
        try (Database db = Database.open(args[0])) {
            StudyFixture.runner(new StudyStore(db, "test"), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    StudyFixture.branin(Long.parseLong(args[3]), null)).run();
        }
    }
}
