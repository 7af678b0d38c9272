-- Paper broker state (SPEC §7): enough to restart a killed process with nothing lost. Times are BIGINT epoch
-- ms UTC; money in the account currency; prices in the quote currency; sizes in lots.
CREATE TABLE trading_accounts (
    account_id  VARCHAR(64)      NOT NULL PRIMARY KEY,
    currency    VARCHAR(8)       NOT NULL,
    balance     DOUBLE PRECISION NOT NULL,
    leverage    DOUBLE PRECISION NOT NULL,
    last_swap   BIGINT           NOT NULL DEFAULT 0,
    created_at  BIGINT           NOT NULL,
    updated_at  BIGINT           NOT NULL
);

CREATE TABLE trading_orders (
    order_id    VARCHAR(64)      NOT NULL PRIMARY KEY,
    account_id  VARCHAR(64)      NOT NULL REFERENCES trading_accounts (account_id),
    symbol      VARCHAR(32)      NOT NULL,
    side        VARCHAR(4)       NOT NULL,
    kind        VARCHAR(16)      NOT NULL,
    lots        DOUBLE PRECISION NOT NULL,
    price       DOUBLE PRECISION,
    position_id VARCHAR(64),
    status      VARCHAR(16)      NOT NULL,
    reason      VARCHAR(512),
    created_at  BIGINT           NOT NULL,
    updated_at  BIGINT           NOT NULL,
    CHECK (side IN ('buy', 'sell')),
    CHECK (status IN ('filled', 'rejected', 'pending', 'cancelled'))
);
CREATE INDEX idx_orders_account ON trading_orders (account_id, status);

CREATE TABLE trading_positions (
    position_id VARCHAR(64)      NOT NULL PRIMARY KEY,
    account_id  VARCHAR(64)      NOT NULL REFERENCES trading_accounts (account_id),
    symbol      VARCHAR(32)      NOT NULL,
    side        VARCHAR(4)       NOT NULL,
    lots        DOUBLE PRECISION NOT NULL,
    entry_price DOUBLE PRECISION NOT NULL,
    stop_price  DOUBLE PRECISION,
    target_price DOUBLE PRECISION,
    opened_at   BIGINT           NOT NULL,
    closed_at   BIGINT,
    close_price DOUBLE PRECISION,
    close_reason VARCHAR(16),
    realized_pnl DOUBLE PRECISION,
    swap        DOUBLE PRECISION NOT NULL DEFAULT 0,
    commission  DOUBLE PRECISION NOT NULL DEFAULT 0,
    status      VARCHAR(8)       NOT NULL,
    CHECK (status IN ('open', 'closed'))
);
CREATE INDEX idx_positions_account ON trading_positions (account_id, status);

CREATE TABLE trading_fills (
    fill_id     VARCHAR(64)      NOT NULL PRIMARY KEY,
    order_id    VARCHAR(64)      NOT NULL,
    position_id VARCHAR(64)      NOT NULL,
    account_id  VARCHAR(64)      NOT NULL REFERENCES trading_accounts (account_id),
    symbol      VARCHAR(32)      NOT NULL,
    side        VARCHAR(4)       NOT NULL,
    lots        DOUBLE PRECISION NOT NULL,
    price       DOUBLE PRECISION NOT NULL,
    commission  DOUBLE PRECISION NOT NULL,
    ts          BIGINT           NOT NULL
);
CREATE INDEX idx_fills_account_ts ON trading_fills (account_id, ts);

CREATE TABLE trading_ledger (
    id            ${id_pk},
    account_id    VARCHAR(64)      NOT NULL REFERENCES trading_accounts (account_id),
    ts            BIGINT           NOT NULL,
    kind          VARCHAR(16)      NOT NULL,
    amount        DOUBLE PRECISION NOT NULL,
    balance_after DOUBLE PRECISION NOT NULL,
    ref           VARCHAR(64),
    CHECK (kind IN ('deposit', 'pnl', 'commission', 'swap'))
);
CREATE INDEX idx_ledger_account_ts ON trading_ledger (account_id, ts);
