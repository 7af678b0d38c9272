-- The cTrader symbols list (SPEC §9: "symbols list (cached)"), per server and trading account, since brokers number
-- their symbols differently. canonical is the project's form of the name ("EUR/USD" -> "EURUSD"). No secrets here.
CREATE TABLE ctrader_symbols (
    server        VARCHAR(256)  NOT NULL,
    account_id    BIGINT        NOT NULL,
    symbol_id     BIGINT        NOT NULL,
    name          VARCHAR(64)   NOT NULL,
    canonical     VARCHAR(64)   NOT NULL,
    enabled       INTEGER       NOT NULL,
    fetched_at    BIGINT        NOT NULL,
    PRIMARY KEY (server, account_id, symbol_id)
);
CREATE INDEX ctrader_symbols_by_name ON ctrader_symbols (server, account_id, canonical);
