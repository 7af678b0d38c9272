-- The dashboard's LDM4TS settings (SPEC §10) are rows of trading_engine_configs named 'ldm4ts-settings': every save
-- adds the next version and marks it the active one, so the history of changes stays. Only the checkpoint path was
-- missing from that table.
ALTER TABLE trading_engine_configs ADD COLUMN ldm4ts_checkpoint VARCHAR(1024);
