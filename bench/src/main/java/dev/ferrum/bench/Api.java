package dev.ferrum.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * One pool of HTTP/1.1 keep-alive connections to an Ironic-compatible endpoint; every request sends the microversion.
 *
 * <p>Apache HttpClient's classic (blocking) client, one connection per client thread: the JDK's HttpClient spent
 * ~0.6 ms of CPU per request in its selector and future machinery, which on a 2-core machine took CPU from the
 * server under test and capped what a fast server could show.
 */
final class Api implements AutoCloseable {

    /** A request as the workloads describe it: method, path below the endpoint (or an absolute URL), JSON body or null. */
    record Call(String method, String target, String json) {
        @Override
        public String toString() {
            return method + " " + target + (json == null ? "" : " " + json);
        }
    }

    /** A response: status code and body text. */
    record Reply(int statusCode, String body) {
    }

    /** More than any client count a run uses; connections open lazily, one per client thread. */
    private static final int MAX_CONNECTIONS = 512;

    private final CloseableHttpClient http;
    private final String endpoint;
    private final String apiVersion;

    Api(String endpoint, String apiVersion, Duration timeout) {
        Timeout t = Timeout.of(timeout);
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).setRedirectsEnabled(false).build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
        this.endpoint = endpoint.replaceAll("/+$", "");
        this.apiVersion = apiVersion;
    }

    /** Sends one request; InterruptedException when the client thread was interrupted (the run is stopping). */
    Reply send(Call call) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        String target = call.target();
        String uri = target.startsWith("http://") || target.startsWith("https://") ? target : endpoint + target;
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), java.net.URI.create(uri));
        request.setHeader("X-OpenStack-Ironic-API-Version", apiVersion);
        request.setHeader("Accept", "application/json");
        if (call.json() != null) {
            request.setEntity(new StringEntity(call.json(), ContentType.APPLICATION_JSON));
        }
        return http.execute(request, response -> new Reply(response.getCode(),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
