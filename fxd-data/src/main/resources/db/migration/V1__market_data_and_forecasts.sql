-- ForexDiffusion schema, version 1: candles and the forecast tables of shared/spec/DB.md.
-- The same file runs on SQLite and PostgreSQL; engine differences are Flyway placeholders:
--   ${id_pk}          surrogate key (SQLite INTEGER PRIMARY KEY AUTOINCREMENT, PostgreSQL identity)
--   ${without_rowid}  SQLite clusters candles by their key; PostgreSQL ignores it
--   ${bool_true}      boolean literal
-- Every time column is BIGINT epoch milliseconds UTC (suffix _time, _at or ts), one convention everywhere.
-- Prices are in the quote currency; uncertainty_pct is sigma / price * 100.

CREATE TABLE candles (
    symbol    VARCHAR(32)      NOT NULL,
    timeframe VARCHAR(8)       NOT NULL,
    ts        BIGINT           NOT NULL,
    open      DOUBLE PRECISION NOT NULL,
    high      DOUBLE PRECISION NOT NULL,
    low       DOUBLE PRECISION NOT NULL,
    close     DOUBLE PRECISION NOT NULL,
    volume    DOUBLE PRECISION NOT NULL DEFAULT 0,
    source    VARCHAR(255),
    PRIMARY KEY (symbol, timeframe, ts)
) ${without_rowid};

CREATE TABLE ldm4ts_predictions (
    prediction_id      VARCHAR(64)      NOT NULL PRIMARY KEY,
    symbol             VARCHAR(32)      NOT NULL,
    timeframe          VARCHAR(8)       NOT NULL,
    forecast_time      BIGINT           NOT NULL,
    horizon_minutes    INTEGER          NOT NULL,
    target_time        BIGINT           NOT NULL,
    current_price      DOUBLE PRECISION NOT NULL,
    mean_pred          DOUBLE PRECISION NOT NULL,
    median_pred        DOUBLE PRECISION NOT NULL,
    std_pred           DOUBLE PRECISION NOT NULL,
    q05_pred           DOUBLE PRECISION NOT NULL,
    q95_pred           DOUBLE PRECISION NOT NULL,
    direction          VARCHAR(8)       NOT NULL,
    signal_strength    DOUBLE PRECISION NOT NULL,
    uncertainty_pct    DOUBLE PRECISION NOT NULL,
    quality_score      DOUBLE PRECISION,
    regime             VARCHAR(32),
    regime_confidence  DOUBLE PRECISION,
    actual_price       DOUBLE PRECISION,
    mae                DOUBLE PRECISION,
    mse                DOUBLE PRECISION,
    mape               DOUBLE PRECISION,
    interval_hit       BOOLEAN,
    direction_correct  BOOLEAN,
    model_version      VARCHAR(128)     NOT NULL,
    inference_time_ms  DOUBLE PRECISION,
    num_samples        INTEGER,
    created_at         BIGINT           NOT NULL,
    CHECK (direction IN ('bull', 'bear', 'neutral')),
    CHECK (signal_strength >= 0 AND signal_strength <= 1)
);
CREATE INDEX idx_predictions_symbol_time ON ldm4ts_predictions (symbol, forecast_time);
CREATE INDEX idx_predictions_target_time ON ldm4ts_predictions (target_time);
CREATE INDEX idx_predictions_horizon ON ldm4ts_predictions (horizon_minutes);

CREATE TABLE ldm4ts_model_metadata (
    model_version        VARCHAR(128)     NOT NULL PRIMARY KEY,
    model_path           VARCHAR(1024)    NOT NULL,
    symbol               VARCHAR(32)      NOT NULL,
    timeframe            VARCHAR(8)       NOT NULL,
    profile              VARCHAR(16)      NOT NULL,
    image_size           INTEGER          NOT NULL,
    vae_model            VARCHAR(255),
    diffusion_steps      INTEGER          NOT NULL,
    num_mc_samples       INTEGER          NOT NULL,
    training_start       BIGINT,
    training_end         BIGINT,
    num_epochs           INTEGER,
    training_samples     BIGINT,
    validation_mse       DOUBLE PRECISION,
    validation_mae       DOUBLE PRECISION,
    total_predictions    BIGINT           NOT NULL DEFAULT 0,
    avg_inference_ms     DOUBLE PRECISION,
    avg_mae              DOUBLE PRECISION,
    avg_mse              DOUBLE PRECISION,
    directional_accuracy DOUBLE PRECISION,
    interval_coverage    DOUBLE PRECISION,
    is_active            BOOLEAN          NOT NULL DEFAULT ${bool_true},
    deployed_at          BIGINT,
    retired_at           BIGINT,
    created_at           BIGINT           NOT NULL,
    updated_at           BIGINT           NOT NULL
);
CREATE INDEX idx_model_metadata_symbol_tf ON ldm4ts_model_metadata (symbol, timeframe);
CREATE INDEX idx_model_metadata_active ON ldm4ts_model_metadata (is_active);

CREATE TABLE ldm4ts_inference_metrics (
    id                        ${id_pk},
    model_version             VARCHAR(128)     NOT NULL,
    symbol                    VARCHAR(32)      NOT NULL,
    timeframe                 VARCHAR(8)       NOT NULL,
    metric_time               BIGINT           NOT NULL,
    inference_count           BIGINT           NOT NULL,
    avg_inference_ms          DOUBLE PRECISION,
    p95_inference_ms          DOUBLE PRECISION,
    p99_inference_ms          DOUBLE PRECISION,
    max_inference_ms          DOUBLE PRECISION,
    avg_uncertainty_pct       DOUBLE PRECISION,
    avg_signal_strength       DOUBLE PRECISION,
    avg_quality_score         DOUBLE PRECISION,
    completed_predictions     BIGINT,
    rolling_mae               DOUBLE PRECISION,
    rolling_mse               DOUBLE PRECISION,
    rolling_directional_acc   DOUBLE PRECISION,
    rolling_interval_coverage DOUBLE PRECISION,
    error_count               BIGINT           NOT NULL DEFAULT 0,
    last_error                VARCHAR(2000),
    created_at                BIGINT           NOT NULL
);
CREATE INDEX idx_inference_metrics_time ON ldm4ts_inference_metrics (metric_time);
CREATE INDEX idx_inference_metrics_model_symbol ON ldm4ts_inference_metrics (model_version, symbol);

CREATE TABLE trading_engine_configs (
    id                           ${id_pk},
    name                         VARCHAR(128)     NOT NULL,
    version                      INTEGER          NOT NULL,
    use_ldm4ts                   BOOLEAN          NOT NULL DEFAULT ${bool_false},
    ldm4ts_model_version         VARCHAR(128),
    ldm4ts_horizons              VARCHAR(64)      NOT NULL DEFAULT '15,60,240',
    ldm4ts_uncertainty_threshold DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    ldm4ts_min_strength          DOUBLE PRECISION NOT NULL DEFAULT 0.3,
    ldm4ts_position_scaling      BOOLEAN          NOT NULL DEFAULT ${bool_true},
    ldm4ts_num_samples           INTEGER          NOT NULL DEFAULT 50,
    ldm4ts_window_size           INTEGER          NOT NULL DEFAULT 100,
    horizon_weights              VARCHAR(128)     NOT NULL DEFAULT '15:0.3,60:0.5,240:0.2',
    min_quality_score            DOUBLE PRECISION NOT NULL DEFAULT 0.65,
    directional_confidence       DOUBLE PRECISION NOT NULL DEFAULT 0.6,
    sizing_method                VARCHAR(32)      NOT NULL DEFAULT 'fixed_fractional',
    risk_per_trade_pct           DOUBLE PRECISION NOT NULL DEFAULT 1.0,
    kelly_fraction               DOUBLE PRECISION NOT NULL DEFAULT 0.25,
    max_position_risk_pct        DOUBLE PRECISION NOT NULL DEFAULT 5.0,
    max_total_exposure_pct       DOUBLE PRECISION NOT NULL DEFAULT 20.0,
    drawdown_reduction_pct       DOUBLE PRECISION NOT NULL DEFAULT 10.0,
    daily_loss_limit_pct         DOUBLE PRECISION NOT NULL DEFAULT 3.0,
    max_open_positions           INTEGER          NOT NULL DEFAULT 5,
    max_holding_minutes          INTEGER,
    trailing_stop_pips           DOUBLE PRECISION,
    lot_step                     DOUBLE PRECISION NOT NULL DEFAULT 0.01,
    is_active                    BOOLEAN          NOT NULL DEFAULT ${bool_false},
    created_at                   BIGINT           NOT NULL,
    updated_at                   BIGINT           NOT NULL,
    UNIQUE (name, version)
);
