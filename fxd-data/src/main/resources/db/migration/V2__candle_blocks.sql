-- Columnar copies of the candle table, one row per block of about 4096 bars, so that range reads decode a
-- few large blobs instead of stepping through millions of JDBC rows. candles stays the source of truth: every
-- write transaction rebuilds the blocks it touched before it commits, so both tables always agree.
-- data: n little-endian ts (BIGINT epoch ms), then n each of open, high, low, close, volume (IEEE doubles).
CREATE TABLE candle_blocks (
    symbol      VARCHAR(32) NOT NULL,
    timeframe   VARCHAR(8)  NOT NULL,
    block_start BIGINT      NOT NULL,
    n           INTEGER     NOT NULL,
    first_ts    BIGINT      NOT NULL,
    last_ts     BIGINT      NOT NULL,
    data        ${blob}     NOT NULL,
    PRIMARY KEY (symbol, timeframe, block_start)
);
