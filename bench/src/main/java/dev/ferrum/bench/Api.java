package dev.ferrum.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** One shared HTTP/1.1 keep-alive client for an Ironic-compatible endpoint; every request sends the microversion. */
final class Api {

    /** A request as the workloads describe it: method, path below the endpoint (or an absolute URL), JSON body or null. */
    record Call(String method, String target, String json) {
        @Override
        public String toString() {
            return method + " " + target + (json == null ? "" : " " + json);
        }
    }

    private final HttpClient http;
    private final String endpoint;
    private final String apiVersion;
    private final Duration timeout;

    Api(String endpoint, String apiVersion, Duration timeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.endpoint = endpoint.replaceAll("/+$", "");
        this.apiVersion = apiVersion;
        this.timeout = timeout;
    }

    HttpResponse<String> send(Call call) throws IOException, InterruptedException {
        String target = call.target();
        URI uri = URI.create(target.startsWith("http://") || target.startsWith("https://") ? target : endpoint + target);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("X-OpenStack-Ironic-API-Version", apiVersion)
                .header("Accept", "application/json");
        if (call.json() == null) {
            b.method(call.method(), BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(call.method(), BodyPublishers.ofString(call.json()));
        }
        return http.send(b.build(), BodyHandlers.ofString());
    }
}
