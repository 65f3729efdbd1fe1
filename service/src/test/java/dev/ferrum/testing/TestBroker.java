package dev.ferrum.testing;

import dev.ferrum.rpc.Broker;
import dev.ferrum.rpc.TransportUrl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's RabbitMQ (127.0.0.1:5672, guest/guest) with a topic of its own, so tests never see each other's
 * queues; the queues they used are deleted on close. Unreachable: skipped, or a failure with FERRUM_REQUIRE_ALL=1.
 */
public final class TestBroker implements AutoCloseable {
    public static final String URL = "rabbit://guest:guest@127.0.0.1:5672/";
    private final String topic = "ferrum-test-" + UUID.randomUUID().toString().substring(0, 8) + ".conductor";
    private final List<Broker> opened = new ArrayList<>();
    private final List<String> queues = new ArrayList<>();
    private final List<String> vhosts = new ArrayList<>();

    public TestBroker() {
        requireReachable();
    }

    public static void requireReachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
        } catch (IOException e) {
            String why = "RabbitMQ is not reachable on 127.0.0.1:5672: " + e.getMessage();
            if ("1".equals(System.getenv(TestDatabases.REQUIRE_ALL))) {
                throw new AssertionError(why + " (" + TestDatabases.REQUIRE_ALL + "=1 requires it; start it with rabbitmq-server -detached)");
            }
            Assumptions.abort(why + " (skipped; set " + TestDatabases.REQUIRE_ALL + "=1 to make this a failure)");
        }
    }

    /** Runs rabbitmqctl with these arguments (the tests that restart the broker need it); fails on a non-zero exit. */
    public static void rabbitmqctl(String... args) {
        if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/rabbitmqctl"))) {
            String why = "/usr/sbin/rabbitmqctl is missing (install Debian's rabbitmq-server)";
            if ("1".equals(System.getenv(TestDatabases.REQUIRE_ALL))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/sbin/rabbitmqctl"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new virtual host for guest, deleted on close: a whole Ferrum (fixed queue names) of its own. Its transport_url. */
    public String freshVirtualHost() {
        String vhost = "ferrum-t-" + UUID.randomUUID().toString().substring(0, 8);
        rabbitmqctl("add_vhost", vhost);
        vhosts.add(vhost);
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
        return URL + vhost;
    }

    public String topic() {
        return topic;
    }

    /** A new connection, closed with this. */
    public Broker connect(String name) {
        Broker b = new Broker(TransportUrl.parse(URL), name);
        opened.add(b);
        return b;
    }

    /** A queue to delete on close (the topic and the host queues of the servers a test started). */
    public void forget(String queue) {
        queues.add(queue);
    }

    @Override
    public void close() {
        opened.forEach(Broker::close);
        try (Broker admin = new Broker(TransportUrl.parse(URL), "ferrum-test-cleanup")) {
            var ch = admin.channel();
            for (String q : queues) {
                ch.queueDelete(q);
            }
            ch.queueDelete(topic);
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover test queue holds nothing of value
        }
        for (String v : vhosts) {
            try {
                rabbitmqctl("delete_vhost", v);
            } catch (RuntimeException e) {
                // best effort, as above
            }
        }
    }
}
