-- A resampled bar built from part of its minutes (a hole in the source bars inside trading time, or either end of
-- the stored range) keeps the number of trading minutes its source did not cover; 0 = complete (imported bars).
-- fxd data info counts bars with missing_minutes > 0 as partial and as gaps.
ALTER TABLE candles ADD COLUMN missing_minutes INTEGER NOT NULL DEFAULT 0;
