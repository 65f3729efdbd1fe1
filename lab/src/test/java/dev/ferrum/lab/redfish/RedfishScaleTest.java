package dev.ferrum.lab.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the power sync benchmark does: one emulator with 10,000 systems, every system's GET answered, at
 * thousands a second on keep-alive connections and still hundreds a second with Connection: close.
 */
class RedfishScaleTest {
    private static final int SYSTEMS = 10_000;
    private static final int CLIENTS = 32;

    @Test
    void tenThousandSystemsAnswerAPowerSyncRound() throws Exception {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        try (RedfishEmulator e = RedfishEmulator.builder().systems(SYSTEMS).start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .connectTimeout(Duration.ofSeconds(5)).build()) {
            System.gc();
            long heapAfter = rt.totalMemory() - rt.freeMemory();
            for (int i = 0; i < SYSTEMS; i += 2) {
                e.systems().get(i).setPowerState("On");
            }
            round(e, client); // warm-up: JIT, connections
            long started = System.nanoTime();
            int on = round(e, client);
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = SYSTEMS / seconds;
            System.out.printf("redfish emulator: %d system GETs in %.2f s (%.0f/s, %d clients, keep-alive);"
                    + " ~%d bytes of heap per system%n", SYSTEMS, seconds, rate, CLIENTS,
                    Math.max(0, heapAfter - heapBefore) / SYSTEMS);
            assertThat(on).isEqualTo(SYSTEMS / 2);
            assertThat(e.requests()).isGreaterThanOrEqualTo(2L * SYSTEMS);
            assertThat(rate).as("GET system per second").isGreaterThan(1000);

            int closing = 1_000;
            long t0 = System.nanoTime();
            for (int i = 1; i <= closing; i++) {
                String r = Http.raw(e, "GET /redfish/v1/Systems/" + i + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: " + Http.BASIC + "\r\nConnection: close\r\n\r\n");
                assertThat(r).startsWith("HTTP/1.1 200");
            }
            double closeRate = closing / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("redfish emulator: %.0f GET/s one connection per request, sequential%n", closeRate);
            assertThat(closeRate).isGreaterThan(100);
        }
    }

    /** GETs every system across CLIENTS virtual threads; returns how many are On. */
    private static int round(RedfishEmulator e, HttpClient client) throws Exception {
        AtomicInteger on = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int first = c;
                work.add(pool.submit(() -> {
                    for (int i = first; i < SYSTEMS; i += CLIENTS) {
                        String id = e.systems().get(i).id();
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                                        URI.create(e.address() + e.systemPath(id)))
                                .header("Authorization", Http.BASIC).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IOException("system " + id + ": " + r.statusCode());
                        }
                        if (r.body().contains("\"PowerState\":\"On\"")) {
                            on.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        return on.get();
    }
}
