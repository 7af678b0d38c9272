-- Research runs, part 3: optimisation studies (SPEC §8). A study is one search (sampler, seed, space, data range,
-- objective); its trials are numbered from 0 in the order the sampler proposed them. A trial row is written
-- 'running' with its parameters before it runs and 'done' with its objective and per-fold metrics after, each in
-- its own transaction, so a study resumed after a crash re-runs only the trials that were running, with the same
-- parameters, and never loses or repeats a finished one. Times are BIGINT epoch ms.
CREATE TABLE optimisation_studies (
    study_name   VARCHAR(128)  NOT NULL PRIMARY KEY,
    sampler      VARCHAR(32)   NOT NULL,
    seed         BIGINT        NOT NULL,
    batch_size   INTEGER       NOT NULL,
    space_json   TEXT          NOT NULL,
    config_json  TEXT          NOT NULL,
    code_version VARCHAR(64)   NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL,
    result_json  TEXT,
    CHECK (status IN ('running', 'done', 'failed'))
);

CREATE TABLE optimisation_trials (
    study_name   VARCHAR(128)  NOT NULL REFERENCES optimisation_studies (study_name),
    trial_number INTEGER       NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    params_json  TEXT          NOT NULL,
    objective    DOUBLE PRECISION,
    metrics_json TEXT,
    started_at   BIGINT        NOT NULL,
    finished_at  BIGINT,
    duration_ms  BIGINT,
    PRIMARY KEY (study_name, trial_number),
    CHECK (state IN ('running', 'done'))
);
