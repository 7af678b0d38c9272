-- The prediction log resolves open predictions before every forecast: WHERE actual_price IS NULL AND target_time <= ?.
-- With only the target_time index that scans every resolved prediction too, so a paper session slowed down with its
-- own history. A partial index holds only the open ones (SQLite and PostgreSQL both support it).
CREATE INDEX idx_predictions_open ON ldm4ts_predictions (target_time) WHERE actual_price IS NULL;
