-- Research runs, part 1: backtests (config, status, progress, metrics, report path). Times are BIGINT epoch ms.
CREATE TABLE backtest_runs (
    run_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    symbol       VARCHAR(32)   NOT NULL,
    timeframe    VARCHAR(8)    NOT NULL,
    forecaster   VARCHAR(128)  NOT NULL,
    data_from    BIGINT        NOT NULL,
    data_to      BIGINT        NOT NULL,
    seed         BIGINT        NOT NULL,
    code_version VARCHAR(64)   NOT NULL,
    config_json  TEXT          NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    progress     DOUBLE PRECISION NOT NULL DEFAULT 0,
    metrics_json TEXT,
    report_path  VARCHAR(1024),
    error        VARCHAR(2000),
    started_at   BIGINT        NOT NULL,
    finished_at  BIGINT,
    CHECK (status IN ('running', 'done', 'failed'))
);
CREATE INDEX idx_backtest_runs_started ON backtest_runs (started_at);
