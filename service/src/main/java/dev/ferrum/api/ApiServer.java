package dev.ferrum.api;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.db.Database;
import dev.ferrum.db.Durability;
import dev.ferrum.db.Stores;
import dev.ferrum.drivers.DriverFactory;
import dev.ferrum.rpc.ConductorApi;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The REST API: Javalin on virtual threads, Ironic's microversion headers, auth and fault format. */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Oversized bodies up to this size are drained before the 413 so clients reliably read it. */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    /** What the server needs from configuration. */
    public record Settings(String host, int port, int maxLimit, long maxBodyBytes, String publicEndpoint,
                           String defaultResourceClass, String defaultPortgroupMode, HttpBasicAuth auth) {
    }

    private final Settings settings;
    private final Database db;
    private final Javalin app;

    public ApiServer(Settings settings, Stores stores, ConductorApi conductor, DriverFactory drivers, Conductors conductors) {
        this.settings = Objects.requireNonNull(settings);
        this.db = stores.db;
        NodesController nodes = new NodesController(stores, conductor, new NodeViews(stores, conductors), conductors,
                settings.maxLimit(), settings.defaultResourceClass());
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = settings.maxBodyBytes();
            cfg.http.defaultContentType = "application/json";
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.router.ignoreTrailingSlashes = true;
            RoutesConfig r = cfg.routes;
            r.before(this::before);
            r.after(this::after);
            new RootController().routes(r);
            nodes.routes(r);
            new NodeStatesController(nodes, conductor).routes(r);
            new NodeManagementController(nodes, conductor, stores, conductors, settings.maxLimit()).routes(r);
            new PortsController(stores, conductor, nodes, settings.maxLimit()).routes(r);
            new PortgroupsController(stores, conductor, nodes, settings.maxLimit(), settings.defaultPortgroupMode()).routes(r);
            new ChassisController(stores, nodes, settings.maxLimit()).routes(r);
            new DriversController(drivers, conductors).routes(r);
            new ConductorsController(conductors, settings.maxLimit()).routes(r);
            new ShardsController(stores).routes(r);
            new NodeTraitsController(stores, conductor, nodes).routes(r);
            new DeployTemplatesController(stores, settings.maxLimit()).routes(r);
            new VolumeController(nodes).routes(r);
            VolumeObjectsController.connectors(stores, conductor, nodes, settings.maxLimit()).routes(r);
            VolumeObjectsController.targets(stores, conductor, nodes, settings.maxLimit()).routes(r);
            new AllocationsController(stores, conductor, nodes, settings.maxLimit()).routes(r);
            r.exception(FerrumException.class, (e, ctx) -> {
                if (e.code().routing()) {
                    routingFault(ctx, e.code().httpStatus(), e.getMessage());
                } else {
                    fault(ctx, e.code(), e.getMessage());
                }
            });
            r.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 405) {
                    // Javalin lists the route's methods in the exception details ("availableMethods").
                    e.getDetails().entrySet().stream().filter(d -> d.getKey().toLowerCase().contains("method"))
                            .findFirst().ifPresent(d -> ctx.header("Allow", d.getValue().replaceAll("[\\[\\]]", "")));
                }
                if (e.getStatus() == 404 || e.getStatus() == 405) {
                    routingFault(ctx, e.getStatus(), "");
                } else {
                    fault(ctx, codeFor(e.getStatus()), message(e));
                }
            });
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("Unexpected error serving {} {}", ctx.method(), ctx.path(), e);
                fault(ctx, ErrorCode.INTERNAL, "An internal error occurred; see the Ferrum log for details.");
            });
        });
    }

    public ApiServer start() {
        app.start(settings.host(), settings.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void before(Context ctx) {
        // The request's writes need to be durable when the response goes out, not each at its commit: one wait
        // in after() instead of one per write (a provision request makes three).
        Durability.beginAnswer();
        ctx.header("Openstack-Request-Id", "req-" + UUID.randomUUID());
        ctx.attribute(Requests.BASE, baseUrl(ctx));
        String path = ctx.path();
        if (ctx.contentLength() > settings.maxBodyBytes()) {
            refuseLargeBody(ctx);
        }
        boolean versioned = path.startsWith("/v1");
        if (versioned) {
            ctx.header(ApiVersion.MIN_HEADER, ApiVersion.string(ApiVersion.MIN));
            ctx.header(ApiVersion.MAX_HEADER, ApiVersion.string(ApiVersion.MAX));
            int minor = ApiVersion.negotiate(ctx.header(ApiVersion.HEADER), ctx.header(ApiVersion.STANDARD_HEADER));
            ctx.attribute(Requests.VERSION, minor);
            ctx.header(ApiVersion.HEADER, ApiVersion.string(minor));
        }
        boolean isPublic = path.equals("/") || path.equals("/v1") || path.equals("/v1/");
        if (settings.auth() != null && !isPublic) {
            try {
                settings.auth().check(ctx.header("Authorization"));
            } catch (FerrumException e) {
                ctx.header("WWW-Authenticate", "Basic realm=\"Baremetal API\"");
                throw e;
            }
        }
    }

    /** Runs before Javalin writes the response, even after an exception. */
    private void after(Context ctx) {
        if (Durability.endAnswer()) {
            db.awaitDurable();
        }
    }

    /**
     * Answers 413. A body of reasonable size is read and dropped first: closing the connection while the
     * client is still sending makes it lose the answer (it sees a reset instead of the 413).
     */
    private static void refuseLargeBody(Context ctx) {
        if (ctx.contentLength() <= DRAIN_LIMIT) {
            try (var in = ctx.req().getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                // the client went away; the answer below is moot
            }
        }
        ctx.header("Connection", "close");
        throw new FerrumException(ErrorCode.REQUEST_TOO_LARGE, "Request is too large.");
    }

    private String baseUrl(Context ctx) {
        if (!settings.publicEndpoint().isEmpty()) {
            return settings.publicEndpoint().replaceAll("/+$", "");
        }
        String host = ctx.header("Host");
        if (host == null || host.isEmpty()) {
            host = settings.host() + ":" + settings.port();
        }
        return ctx.scheme() + "://" + host;
    }

    private static void fault(Context ctx, ErrorCode code, String message) {
        ctx.status(code.httpStatus()).contentType("application/json").result(Faults.body(code, message));
    }

    private static void routingFault(Context ctx, int status, String description) {
        String title = switch (status) {
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Not Acceptable";
        };
        ctx.status(status).contentType("application/json").result(Faults.routingBody(status, title, description));
    }

    private static ErrorCode codeFor(int status) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.httpStatus() == status) {
                return c;
            }
        }
        return status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID;
    }

    private static String message(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 413 -> "Request is too large.";
            default -> e.getMessage();
        };
    }
}
