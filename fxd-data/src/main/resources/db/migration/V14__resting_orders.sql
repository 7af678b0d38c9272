-- Stop and limit entry orders with a good-till time (SPEC §7 order lifecycle): a resting entry keeps its level in
-- price, the stop-loss and take-profit it attaches once filled, and when it expires. The status of an order that
-- reached its good-till time unfilled is 'expired'. SQLite cannot change a CHECK constraint, so the table is
-- rebuilt (the same way on both engines); existing rows keep their values, the new columns stay NULL for them.
CREATE TABLE trading_orders_v14 (
    order_id     VARCHAR(64)      NOT NULL PRIMARY KEY,
    account_id   VARCHAR(64)      NOT NULL REFERENCES trading_accounts (account_id),
    symbol       VARCHAR(32)      NOT NULL,
    side         VARCHAR(4)       NOT NULL,
    kind         VARCHAR(16)      NOT NULL,
    lots         DOUBLE PRECISION NOT NULL,
    price        DOUBLE PRECISION,
    position_id  VARCHAR(64),
    status       VARCHAR(16)      NOT NULL,
    reason       VARCHAR(512),
    created_at   BIGINT           NOT NULL,
    updated_at   BIGINT           NOT NULL,
    stop_price   DOUBLE PRECISION,
    target_price DOUBLE PRECISION,
    expires_at   BIGINT,
    CHECK (side IN ('buy', 'sell')),
    CHECK (kind IN ('market', 'stop', 'limit')),
    CHECK (status IN ('filled', 'rejected', 'pending', 'cancelled', 'expired'))
);
INSERT INTO trading_orders_v14 (order_id, account_id, symbol, side, kind, lots, price, position_id, status, reason,
                                created_at, updated_at)
SELECT order_id, account_id, symbol, side, kind, lots, price, position_id, status, reason, created_at, updated_at
FROM trading_orders;
DROP TABLE trading_orders;
ALTER TABLE trading_orders_v14 RENAME TO trading_orders;
CREATE INDEX idx_orders_account ON trading_orders (account_id, status);
