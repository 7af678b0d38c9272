-- Every change of an order's state, with its reason: submitted/accepted/filled/cancelled/rejected of market orders,
-- the attached stop-loss and take-profit orders (one cancels the other) and trailing-stop amendments.
-- trading_orders keeps one row per order with its current state.
CREATE TABLE trading_order_events (
    id         ${id_pk},
    order_id   VARCHAR(64)      NOT NULL,
    account_id VARCHAR(64)      NOT NULL REFERENCES trading_accounts (account_id),
    ts         BIGINT           NOT NULL,
    status     VARCHAR(16)      NOT NULL,
    price      DOUBLE PRECISION,
    reason     VARCHAR(512)
);
CREATE INDEX idx_order_events_order ON trading_order_events (order_id, id);
