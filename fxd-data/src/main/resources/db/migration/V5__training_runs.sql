-- Research runs, part 2: LDM4TS training runs (config, progress, metrics per epoch, checkpoint path).
CREATE TABLE ldm4ts_training_runs (
    run_id          VARCHAR(64)      NOT NULL PRIMARY KEY,
    symbol          VARCHAR(32)      NOT NULL,
    timeframe       VARCHAR(8)       NOT NULL,
    profile         VARCHAR(16)      NOT NULL,
    data_from       BIGINT           NOT NULL,
    data_to         BIGINT           NOT NULL,
    seed            BIGINT           NOT NULL,
    code_version    VARCHAR(64)      NOT NULL,
    config_json     TEXT             NOT NULL,
    status          VARCHAR(16)      NOT NULL,
    stage           VARCHAR(32),
    progress        DOUBLE PRECISION NOT NULL DEFAULT 0,
    epochs_json     TEXT,
    checkpoint_path VARCHAR(1024)    NOT NULL,
    model_version   VARCHAR(128),
    error           VARCHAR(2000),
    started_at      BIGINT           NOT NULL,
    finished_at     BIGINT,
    CHECK (status IN ('running', 'done', 'failed'))
);
CREATE INDEX idx_training_runs_started ON ldm4ts_training_runs (started_at);
