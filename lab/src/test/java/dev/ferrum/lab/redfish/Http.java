package dev.ferrum.lab.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Plain HTTP against the emulator: the JDK client for requests, a raw socket where headers matter. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("admin:password".getBytes(StandardCharsets.UTF_8));

    private Http() {
    }

    record Response(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The first @Message.ExtendedInfo MessageId of a Redfish error body. */
        String messageId() {
            return body.get("error").get("@Message.ExtendedInfo").get(0).get("MessageId").asText();
        }
    }

    static HttpRequest.Builder request(RedfishEmulator e, String path) {
        return HttpRequest.newBuilder(URI.create(e.address() + path)).timeout(Duration.ofSeconds(20));
    }

    static Response get(RedfishEmulator e, String path) {
        return send(request(e, path).header("Authorization", BASIC).GET().build());
    }

    static Response getAnonymous(RedfishEmulator e, String path) {
        return send(request(e, path).GET().build());
    }

    static Response post(RedfishEmulator e, String path, String json) {
        return send(request(e, path).header("Authorization", BASIC).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Response patch(RedfishEmulator e, String path, String json) {
        return send(request(e, path).header("Authorization", BASIC).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Response send(HttpRequest request) {
        try {
            return response(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Response response(HttpResponse<String> r) {
        try {
            JsonNode body = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/json") ? null : JSON.readTree(r.body());
            return new Response(r.statusCode(), body, r);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + r.body(), e);
        }
    }

    /** Writes a raw HTTP/1.1 request and reads until the server closes the connection (or 10 s pass). */
    static String raw(RedfishEmulator e, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", e.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
