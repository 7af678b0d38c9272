-- Forecasts kept across backtests (SPEC §8: "cached by model version and time"). A row is one forecast of one
-- model version for the window ending at bar ts, made with one request setting (horizons, samples, seed, lookback);
-- window_hash fingerprints the bars it was made from, so a forecast of data since corrected is never reused.
CREATE TABLE forecast_cache (
    model_version VARCHAR(256)  NOT NULL,
    symbol        VARCHAR(32)   NOT NULL,
    timeframe     VARCHAR(8)    NOT NULL,
    request_key   VARCHAR(256)  NOT NULL,
    ts            BIGINT        NOT NULL,
    window_hash   BIGINT        NOT NULL,
    model_name    VARCHAR(64)   NOT NULL,
    forecast      ${blob}       NOT NULL,
    created_at    BIGINT        NOT NULL,
    PRIMARY KEY (model_version, symbol, timeframe, request_key, ts)
);

-- A paper-trading session: which account trades which series with which forecaster, the last bar it processed
-- and the engine's memory after it (JSON), written after every bar, so a restarted session continues exactly.
CREATE TABLE paper_sessions (
    account_id    VARCHAR(64)   NOT NULL PRIMARY KEY REFERENCES trading_accounts (account_id),
    symbol        VARCHAR(32)   NOT NULL,
    timeframe     VARCHAR(8)    NOT NULL,
    forecaster    VARCHAR(1024) NOT NULL,
    config_json   TEXT          NOT NULL,
    first_bar_ts  BIGINT        NOT NULL,
    last_bar_ts   BIGINT,
    state_json    TEXT,
    started_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL
);
