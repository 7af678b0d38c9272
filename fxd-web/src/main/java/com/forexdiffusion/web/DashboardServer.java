package com.forexdiffusion.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.log.ModelHealth;
import com.forexdiffusion.web.account.AccountMarks;
import com.forexdiffusion.web.account.AccountRoutes;
import com.forexdiffusion.web.auth.TokenGuard;
import com.forexdiffusion.web.forecast.ForecastRoutes;
import com.forexdiffusion.web.forecast.ForecastService;
import com.forexdiffusion.web.forecast.ForecasterCatalog;
import com.forexdiffusion.web.health.ModelHealthRoutes;
import com.forexdiffusion.web.http.ApiException;
import com.forexdiffusion.web.http.Routes;
import com.forexdiffusion.web.http.Sql;
import com.forexdiffusion.web.live.LiveHub;
import com.forexdiffusion.web.live.StoreWatcher;
import com.forexdiffusion.web.market.CandleRoutes;
import com.forexdiffusion.web.pages.PageRoutes;
import com.forexdiffusion.web.runs.JobQueue;
import com.forexdiffusion.web.runs.JobRunner;
import com.forexdiffusion.web.runs.RunRoutes;
import com.forexdiffusion.web.settings.CheckpointCheck;
import com.forexdiffusion.web.settings.SettingsRoutes;
import com.forexdiffusion.web.settings.SettingsStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's HTTP + WebSocket server over one database. It binds 127.0.0.1 unless told otherwise, and refuses
 * any other address without a token. Everything it shows comes from the stores and the forecasters it is given.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private final Builder b;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final LiveHub hub = new LiveHub(json);
    private final TokenGuard guard;
    private final JobQueue jobs;
    private final StoreWatcher watcher;
    private Javalin app;

    private DashboardServer(Builder b) {
        this.b = b;
        this.guard = b.token == null ? TokenGuard.open() : TokenGuard.requiring(b.token);
        this.jobs = new JobQueue(b.jobs, b.clock, job -> {
            var m = hub.message("job");
            m.set("job", json.valueToTree(job));
            hub.broadcast(m);
        });
        Sql sql = new Sql(b.db);
        this.watcher = new StoreWatcher(sql, hub, new AccountMarks(b.db.candles()), b.watchPeriodMs);
    }

    public static Builder builder(Database db) {
        return new Builder(db);
    }

    /** Whether an address is loopback (127.0.0.0/8, ::1, localhost): the only ones allowed without a token. */
    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public DashboardServer start() {
        if (!isLoopback(b.bind) && b.token == null) {
            throw new IllegalStateException("binding " + b.bind + " needs a token (--token or FXD_TOKEN)");
        }
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/assets";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
            // No compression: gzip of a year of M5 (6 MB) costs more CPU than loopback transfer saves.
            cfg.http.disableCompression();
        });
        installErrors(app);
        new PageRoutes(guard).register(app);
        routes().forEach(r -> r.register(app));
        app.ws("/ws", ws -> {
            ws.onConnect(ctx -> {
                if (!guard.admits(ctx.header("Authorization"), ctx.header("X-FXD-Token"),
                        ctx.cookie(TokenGuard.COOKIE))) {
                    ctx.closeSession(4401, "unauthorized");
                    return;
                }
                ctx.enableAutomaticPings();
                hub.join(ctx);
            });
            ws.onClose(hub::leave);
            ws.onError(hub::leave);
        });
        app.start(b.bind, b.port);
        watcher.start();
        return this;
    }

    private List<Routes> routes() {
        Sql sql = new Sql(b.db);
        SettingsStore settings = new SettingsStore(b.db);
        ForecastService forecasts = new ForecastService(b.db.candles(), b.forecasters,
                new com.forexdiffusion.trading.engine.ForecastCache(b.db));
        return List.of(
                a -> a.get("/api/health", this::health),
                new CandleRoutes(b.db.candles(), b.candleCache),
                new ForecastRoutes(forecasts, b.forecasters, b.db.candles(), sql, settings::load),
                new com.forexdiffusion.web.signals.SignalRoutes(forecasts, settings::load, b.calibration),
                new AccountRoutes(sql, new AccountMarks(b.db.candles())),
                new ModelHealthRoutes(sql, new ModelHealth(b.db::connection)),
                new RunRoutes(sql, jobs, b.forecasters.names(), b.clock),
                new SettingsRoutes(settings, b.checkpoints, b.clock, v -> {
                    var m = hub.message("settings");
                    m.setAll(v);
                    hub.broadcast(m);
                }));
    }

    private void health(Context ctx) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", "ok");
        h.put("database", b.db.dialect().name().toLowerCase(java.util.Locale.ROOT));
        h.put("auth", guard.enabled());
        h.put("forecasters", b.forecasters.names());
        h.put("live_pages", hub.pages());
        h.put("time", java.time.Instant.ofEpochMilli(b.clock.millis()).toString());
        ctx.json(h);
    }

    private void installErrors(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.field(), e.fields()));
        app.exception(BadInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), e.field(), Map.of()));
        app.exception(PageRoutes.Unauthorized.class, (e, ctx) -> PageRoutes.unauthorized(ctx));
        app.exception(Exception.class, (e, ctx) -> {
            // The cause goes to the server's log, never to the client: it may name paths or SQL.
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error (see the server log)", null, Map.of());
        });
        app.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && (ctx.res().getContentType() == null || !ctx.res().getContentType().contains("json"))) {
                error(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path() + " (docs/api.md lists them)", null,
                        Map.of());
            }
        });
    }

    private static void error(Context ctx, int status, String message, String field, Map<String, String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        if (!fields.isEmpty()) {
            body.put("fields", fields);
        }
        ctx.status(status).json(body);
    }

    public int port() {
        return app.port();
    }

    public LiveHub hub() {
        return hub;
    }

    @Override
    public void close() {
        watcher.close();
        jobs.close();
        if (app != null) {
            app.stop();
        }
    }

    /** What the server serves and how; only the database is required. */
    public static final class Builder {
        private final Database db;
        private String bind = "127.0.0.1";
        private int port = 8080;
        private String token;
        private ForecasterCatalog forecasters = ForecasterCatalog.baselines();
        private CheckpointCheck checkpoints = CheckpointCheck.files();
        private JobRunner jobs = JobRunner.NONE;
        private InstantSource clock = InstantSource.system();
        private long watchPeriodMs = 100;
        private CalibrationConfig calibration = CalibrationConfig.defaults();
        private boolean candleCache = true;

        private Builder(Database db) {
            this.db = db;
        }

        public Builder bind(String address) {
            this.bind = address;
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** null or blank for none (loopback only). */
        public Builder token(String token) {
            this.token = token == null || token.isBlank() ? null : token;
            return this;
        }

        public Builder forecasters(ForecasterCatalog c) {
            this.forecasters = c;
            return this;
        }

        public Builder checkpoints(CheckpointCheck c) {
            this.checkpoints = c;
            return this;
        }

        public Builder jobs(JobRunner r) {
            this.jobs = r;
            return this;
        }

        public Builder clock(InstantSource c) {
            this.clock = c;
            return this;
        }

        /** How often the database is polled for live updates. */
        public Builder watchPeriodMs(long ms) {
            this.watchPeriodMs = ms;
            return this;
        }

        /** How the Signals page calibrates forecasts before scoring them, as trading does (default: ACI). */
        public Builder calibration(CalibrationConfig c) {
            this.calibration = c;
            return this;
        }

        /** Whether candle responses are kept (checked against the stored bars on every request); on by default. */
        public Builder candleCache(boolean on) {
            this.candleCache = on;
            return this;
        }

        public DashboardServer build() {
            return new DashboardServer(this);
        }
    }
}
