package dev.ferrum.rpc;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ReturnCallback;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to RabbitMQ with the library's automatic recovery (connection, channels, queues and consumers
 * come back after a broker restart) and a pool of confirm-mode channels, so each publish waits for the broker's
 * confirm on a channel no other thread is using.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    private final TransportUrl url;
    private final Connection connection;
    private final ConcurrentLinkedQueue<Channel> idle = new ConcurrentLinkedQueue<>();
    private volatile ReturnCallback returns = r -> { };
    private final java.util.List<Runnable> recovered = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Broker(TransportUrl url, String clientName) {
        this.url = Objects.requireNonNull(url);
        ConnectionFactory f = new ConnectionFactory();
        TransportUrl.Host first = url.hosts().getFirst();
        if (first.user() != null) {
            f.setUsername(first.user());
            f.setPassword(first.password());
        }
        f.setVirtualHost(url.virtualHost());
        f.setAutomaticRecoveryEnabled(true);
        f.setTopologyRecoveryEnabled(true);
        f.setNetworkRecoveryInterval(1000);
        f.setRequestedHeartbeat(30);
        f.setConnectionTimeout(10_000);
        try {
            connection = f.newConnection(url.hosts().stream().map(h -> new Address(h.host(), h.port())).toList(), clientName);
        } catch (IOException | TimeoutException e) {
            throw new FerrumException(ErrorCode.SERVICE_UNAVAILABLE, "Cannot connect to the message broker at " + url
                    + " ([DEFAULT]transport_url): " + e.getMessage(), e);
        }
        LOG.info("Connected to the message broker at {} as {}", url, clientName);
        connection.addShutdownListener(e -> {
            if (!e.isInitiatedByApplication()) {
                LOG.warn("Lost the connection to the message broker at {} ({}); reconnecting", url, e.getMessage());
            }
        });
        if (connection instanceof Recoverable r) {
            r.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recoverable) {
                    LOG.info("Reconnected to the message broker at {}", url);
                    recovered.forEach(Runnable::run);
                }

                @Override
                public void handleRecoveryStarted(Recoverable recoverable) {
                    // the shutdown listener already said so
                }
            });
        }
    }

    public TransportUrl url() {
        return url;
    }

    /** A channel for declaring queues and consuming; the caller owns it. */
    public Channel channel() throws IOException {
        return connection.createChannel();
    }

    /** Runs after the connection came back, with its queues and consumers (on the library's thread: be quick). */
    public void onRecovery(Runnable listener) {
        recovered.add(Objects.requireNonNull(listener));
    }

    /** Where messages published with mandatory=true come back when no queue takes them. */
    public void onReturn(ReturnCallback listener) {
        this.returns = Objects.requireNonNull(listener);
    }

    /**
     * Publishes to a queue through the default exchange and waits until the broker confirms it took the message
     * (routed it to a queue; for a persistent message, also wrote it to disk). Fails with 503 when it did not.
     */
    public void publish(String queue, boolean mandatory, AMQP.BasicProperties props, byte[] body, Duration confirmTimeout) {
        Channel ch = null;
        try {
            ch = borrow();
            ch.basicPublish("", queue, mandatory, props, body);
            if (!ch.waitForConfirms(Math.max(1, confirmTimeout.toMillis()))) {
                throw new IOException("the broker refused the message (nack)");
            }
            idle.add(ch);
            ch = null;
        } catch (IOException | TimeoutException | RuntimeException e) {
            throw new FerrumException(ErrorCode.SERVICE_UNAVAILABLE, "Could not hand a message for " + queue
                    + " to the message broker at " + url + ": " + describe(e) + ". It may not have reached a conductor; retry later.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerrumException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while publishing to " + queue, e);
        } finally {
            if (ch != null) {
                discard(ch); // its confirms are in an unknown state: never reuse it
            }
        }
    }

    private Channel borrow() throws IOException {
        Channel ch;
        while ((ch = idle.poll()) != null) {
            if (ch.isOpen()) {
                return ch;
            }
        }
        ch = connection.createChannel();
        ch.confirmSelect();
        ch.addReturnListener(r -> returns.handle(r));
        return ch;
    }

    private static void discard(Channel ch) {
        try {
            ch.close();
        } catch (Exception e) {
            // already closed or the connection is down: nothing to release
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e instanceof TimeoutException ? "no confirm in time" : m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        Channel ch;
        while ((ch = idle.poll()) != null) {
            discard(ch);
        }
        try {
            connection.close(5_000);
        } catch (Exception e) {
            // closing anyway
        }
    }
}
