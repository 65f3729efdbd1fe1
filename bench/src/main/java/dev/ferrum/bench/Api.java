package dev.ferrum.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * HTTP/1.1 keep-alive connections to an Ironic-compatible endpoint; every request sends the microversion.
 *
 * <p>A client thread takes an idle connection (or opens one) for each request and gives it back after, so C clients
 * keep C connections open. {@link Http1Connection} says why the client speaks HTTP itself: the JDK's HttpClient
 * (~0.6 ms of CPU per request) and then Apache HttpClient (~0.1 ms) took as much CPU from a 2-core machine as the
 * server under test needed.
 */
final class Api implements AutoCloseable {

    /** A request as the workloads describe it: method, path below the endpoint (or an absolute URL), JSON body or null. */
    record Call(String method, String target, String json) {
        @Override
        public String toString() {
            return method + " " + target + (json == null ? "" : " " + json);
        }
    }

    /**
     * A response: status code and body bytes. The workloads parse the bytes (Jackson's byte parser), and text is
     * made only for error reports: decoding each page to a String, then inflating it to chars for the parser, was
     * a fifth of the client's CPU on the list workloads.
     */
    record Reply(int statusCode, byte[] bytes) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A kept-alive connection idle for longer is not reused: the server may have closed it meanwhile. */
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(5).toNanos();

    private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
    private final String host;
    private final int port;
    private final String basePath;
    private final String apiVersion;
    private final int timeoutMillis;

    Api(String endpoint, String apiVersion, Duration timeout) {
        URI uri = URI.create(endpoint.replaceAll("/+$", ""));
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("an endpoint is http://HOST[:PORT][/PATH], not " + endpoint);
        }
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.basePath = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.apiVersion = apiVersion;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** Sends one request; InterruptedException when the client thread was interrupted (the run is stopping). */
    Reply send(Call call) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        String head = call.method() + " " + pathOf(call.target()) + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "X-OpenStack-Ironic-API-Version: " + apiVersion + "\r\n"
                + "Accept: application/json\r\n"
                + (call.json() == null ? "" : "Content-Type: application/json\r\n");
        byte[] body = call.json() == null ? null : call.json().getBytes(StandardCharsets.UTF_8);
        while (true) {
            Http1Connection c = take();
            try {
                Http1Connection.Response r = c.exchange(head, body);
                if (c.isOpen()) {
                    idle.push(c);
                }
                return new Reply(r.status(), r.body());
            } catch (Http1Connection.StaleConnection e) {
                if (!c.used) {
                    throw e;
                }
                // closed by the server while idle, before it read this request: send it on a new connection
            }
        }
    }

    /** An idle connection kept alive recently enough, or a new one. */
    private Http1Connection take() throws IOException {
        for (Http1Connection c = idle.poll(); c != null; c = idle.poll()) {
            if (System.nanoTime() - c.lastUsed < MAX_IDLE_NANOS) {
                return c;
            }
            c.close();
        }
        return new Http1Connection(host, port, timeoutMillis);
    }

    /** The request target: a path below the endpoint, or the path and query of an absolute link (a next link). */
    private String pathOf(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            URI uri = URI.create(target);
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        return basePath + target;
    }

    @Override
    public void close() {
        for (Http1Connection c = idle.poll(); c != null; c = idle.poll()) {
            c.close();
        }
    }
}
