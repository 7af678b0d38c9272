package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Fingerprint;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.HorizonForecast;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Forecasts kept in the database across backtests, keyed by model version, symbol, timeframe, request setting
 * and bar time (SPEC §8). A model version names fitted weights (LDM4TS: a hash of them; baselines: a fingerprint
 * of their fit), so a hit is the forecast that model would make again; each row also fingerprints the window it
 * was made from, and a row whose window no longer matches the stored bars is recomputed, not reused. Raw samples
 * are not kept.
 */
public final class ForecastCache {
    private final Database db;

    public ForecastCache(Database db) {
        this.db = db;
    }

    /** The request setting a cached forecast was made with: horizons, samples, base seed and lookback. */
    public static String requestKey(StrategyConfig cfg) {
        return "h=" + cfg.horizons().stream().map(h -> String.valueOf(h.minutes())).reduce((a, b) -> a + "," + b)
                .orElse("") + ";s=" + cfg.samples() + ";seed=" + cfg.seed() + ";lookback=" + cfg.lookback();
    }

    /**
     * The cached forecasts of {@code modelVersion} for these requests (all of one symbol and timeframe, in time
     * order), by position; null where none is stored or its window changed since.
     */
    public Forecast[] read(String modelName, String modelVersion, String requestKey, List<ForecastRequest> requests) {
        Forecast[] out = new Forecast[requests.size()];
        if (requests.isEmpty()) {
            return out;
        }
        ForecastRequest first = requests.get(0);
        Map<Long, Integer> byTime = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            byTime.put(requests.get(i).time(), i);
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT ts, window_hash, forecast "
                + "FROM forecast_cache WHERE model_version = ? AND symbol = ? AND timeframe = ? AND request_key = ? "
                + "AND ts >= ? AND ts <= ?")) {
            ps.setString(1, modelVersion);
            ps.setString(2, first.symbol());
            ps.setString(3, first.timeframe().name());
            ps.setString(4, requestKey);
            ps.setLong(5, first.time());
            ps.setLong(6, requests.get(requests.size() - 1).time());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer i = byTime.get(rs.getLong(1));
                    if (i != null && rs.getLong(2) == Fingerprint.of(requests.get(i).window())) {
                        out[i] = decode(rs.getBytes(3), requests.get(i), modelName, modelVersion);
                    }
                }
            }
        } catch (SQLException e) {
            throw db.failure("cannot read cached forecasts from", e);
        }
        return out;
    }

    /** Stores forecasts (one transaction), replacing any of the same key made from a window that has changed. */
    public void write(String requestKey, List<ForecastRequest> requests, List<Forecast> forecasts) {
        if (requests.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO forecast_cache (model_version, symbol, "
                    + "timeframe, request_key, ts, window_hash, model_name, forecast, created_at) VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model_version, symbol, timeframe, request_key, ts) "
                    + "DO UPDATE SET window_hash = excluded.window_hash, forecast = excluded.forecast, "
                    + "model_name = excluded.model_name, created_at = excluded.created_at")) {
                for (int i = 0; i < requests.size(); i++) {
                    Forecast f = forecasts.get(i);
                    if (f == null) {
                        continue;
                    }
                    ForecastRequest r = requests.get(i);
                    ps.setString(1, f.modelVersion());
                    ps.setString(2, r.symbol());
                    ps.setString(3, r.timeframe().name());
                    ps.setString(4, requestKey);
                    ps.setLong(5, r.time());
                    ps.setLong(6, Fingerprint.of(r.window()));
                    ps.setString(7, f.modelName());
                    ps.setBytes(8, encode(f));
                    ps.setLong(9, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw db.failure("cannot store forecasts in", e);
        }
    }

    static byte[] encode(Forecast f) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 64 * f.horizons().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeDouble(f.lastClose());
            out.writeDouble(f.inferenceMillis());
            out.writeInt(f.horizons().size());
            for (HorizonForecast h : f.horizons()) {
                out.writeInt(h.horizon().minutes());
                out.writeLong(h.targetTime());
                out.writeDouble(h.mean());
                out.writeDouble(h.std());
                out.writeInt(h.quantiles().size());
                for (Map.Entry<Double, Double> q : h.quantiles().entrySet()) {
                    out.writeDouble(q.getKey());
                    out.writeDouble(q.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Forecast decode(byte[] data, ForecastRequest r, String modelName, String modelVersion) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            double lastClose = in.readDouble();
            double millis = in.readDouble();
            int n = in.readInt();
            List<HorizonForecast> hs = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                Horizon h = new Horizon(in.readInt());
                long target = in.readLong();
                double mean = in.readDouble();
                double std = in.readDouble();
                int nq = in.readInt();
                TreeMap<Double, Double> q = new TreeMap<>();
                for (int j = 0; j < nq; j++) {
                    q.put(in.readDouble(), in.readDouble());
                }
                hs.add(new HorizonForecast(h, target, mean, std, q, null));
            }
            return new Forecast(r.symbol(), r.timeframe(), r.time(), lastClose, hs, millis, modelName, modelVersion);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("forecast_cache row of " + modelVersion + " at " + r.time()
                    + " is corrupt: " + e.getMessage(), e);
        }
    }
}
