package dev.ferrum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A conductor's side of RPC over RabbitMQ: consumes the shared topic queue and its own host queue (both durable)
 * and hands each request, on a virtual thread, to the same {@link ConductorApi} the in-process transport uses.
 * A request is acknowledged only after it was handled and its reply handed to the broker, so one taken by a
 * conductor that dies meanwhile goes to another (at least once: a request may then run twice).
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
    /** Epoch milliseconds after which the caller no longer waits for the reply. */
    static final String DEADLINE_HEADER = "x-ferrum-deadline";
    private static final Map<String, Method> METHODS = methods();
    private final Broker broker;
    private final String topic;
    private final String host;
    private final ConductorApi target;
    private final int prefetch;
    private static final Duration REPLY_RETRY_INTERVAL = Duration.ofMillis(100);
    /** Replies by request id, recent ones only: enough to answer what a broker restart delivers again. */
    private final Map<String, CompletableFuture<byte[]>> handled = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<byte[]>> eldest) {
                    return size() > 4096;
                }
            });
    private final Phaser inFlight = new Phaser(1);
    private final List<String> consumerTags = new ArrayList<>();
    private Channel channel;

    public RpcServer(Broker broker, String topic, String host, ConductorApi target, int prefetch) {
        this.broker = Objects.requireNonNull(broker);
        this.topic = Objects.requireNonNull(topic);
        this.host = Objects.requireNonNull(host);
        this.target = Objects.requireNonNull(target);
        this.prefetch = prefetch;
    }

    /** The queue only this conductor consumes. */
    public String hostQueue() {
        return topic + "." + host;
    }

    public RpcServer start() {
        try {
            channel = broker.channel();
            channel.basicQos(prefetch); // unacknowledged requests one conductor holds; the rest wait for any conductor
            channel.queueDeclare(topic, true, false, false, null);
            // What nobody takes from this conductor's queue in time (it died, or is swamped) moves to the topic queue.
            channel.queueDeclare(hostQueue(), true, false, false, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", topic));
            for (String q : List.of(topic, hostQueue())) {
                consumerTags.add(channel.basicConsume(q, false, (tag, d) -> dispatch(d), tag -> { }));
            }
        } catch (IOException e) {
            throw new FerrumException(dev.ferrum.common.ErrorCode.SERVICE_UNAVAILABLE, "Cannot consume RPC queues on "
                    + broker.url() + ": " + e.getMessage(), e);
        }
        LOG.info("Serving RPC on queues {} and {}", topic, hostQueue());
        return this;
    }

    private void dispatch(Delivery d) {
        inFlight.register();
        Thread.ofVirtual().name("rpc-" + d.getEnvelope().getDeliveryTag()).start(() -> {
            try {
                handle(d);
            } finally {
                inFlight.arriveAndDeregister();
            }
        });
    }

    private void handle(Delivery d) {
        AMQP.BasicProperties p = d.getProperties();
        if (expired(p)) {
            LOG.warn("Dropping RPC request {}: its caller's deadline passed before it reached this conductor", p.getCorrelationId());
            ack(d.getEnvelope().getDeliveryTag());
            return;
        }
        // A request delivered again because its ack died with the broker connection is answered, not run twice.
        // Kept serialized: a few KiB each, where the JSON tree would take several times that.
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> earlier = p.getMessageId() == null ? null : handled.putIfAbsent(p.getMessageId(), mine);
        byte[] reply;
        if (earlier != null) {
            LOG.info("RPC request {} was delivered again; answering with the reply of its first run", p.getMessageId());
            reply = earlier.join();
        } else {
            try {
                ObjectNode r = run(d.getBody());
                if (r.has("error") && !"call".equals(p.getType())) {
                    LOG.warn("Cast {} failed: {}", p.getMessageId(), r.get("error").path("message").asText());
                }
                reply = Json.write(r).getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException | Error e) { // nothing to answer a redelivery with: let it run again
                if (p.getMessageId() != null) {
                    handled.remove(p.getMessageId());
                }
                mine.completeExceptionally(e);
                throw e;
            }
            mine.complete(reply);
        }
        if (p.getReplyTo() != null && "call".equals(p.getType())) {
            sendReply(p, reply);
        }
        ack(d.getEnvelope().getDeliveryTag());
    }

    private ObjectNode run(byte[] body) {
        ObjectNode reply = Json.object();
        String method = "?";
        try {
            JsonNode req = Json.parseStored(new String(body, StandardCharsets.UTF_8));
            method = req.path("method").asText();
            reply.set("result", RpcCodec.encode(invoke(method, req.path("args"))));
        } catch (FerrumException e) {
            reply.set("error", RpcCodec.error(e, host));
        } catch (Exception e) {
            LOG.error("RPC {} failed", method, e);
            reply.set("error", RpcCodec.error(e, host));
        }
        return reply;
    }

    /**
     * Hands the reply to the broker, for the caller's durable reply queue. While the broker is away it
     * keeps trying until the caller's deadline: the library reconnects meanwhile, and the work is already done.
     */
    private void sendReply(AMQP.BasicProperties p, byte[] body) {
        AMQP.BasicProperties rp = new AMQP.BasicProperties.Builder().correlationId(p.getCorrelationId())
                .contentType("application/json").deliveryMode(1).build();
        long deadline = deadline(p).orElse(System.currentTimeMillis() + 30_000);
        while (true) {
            try {
                broker.publish(p.getReplyTo(), false, rp, body, Duration.ofSeconds(10));
                return;
            } catch (FerrumException e) {
                if (System.currentTimeMillis() > deadline) {
                    LOG.warn("Could not send the reply to RPC request {} before its caller's deadline: {}", p.getCorrelationId(), e.getMessage());
                    return;
                }
            }
            try {
                Thread.sleep(REPLY_RETRY_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static java.util.OptionalLong deadline(AMQP.BasicProperties p) {
        Object deadline = p.getHeaders() == null ? null : p.getHeaders().get(DEADLINE_HEADER);
        return deadline instanceof Number n ? java.util.OptionalLong.of(n.longValue()) : java.util.OptionalLong.empty();
    }

    /** Whether the caller stopped waiting (its rpc_response_timeout passed): then starting the work would surprise it. */
    private static boolean expired(AMQP.BasicProperties p) {
        return deadline(p).stream().anyMatch(d -> System.currentTimeMillis() > d);
    }

    private Object invoke(String name, JsonNode args) throws Exception {
        Method m = METHODS.get(name);
        if (m == null || !args.isArray() || args.size() != m.getParameterCount()) {
            throw new IllegalArgumentException("Unknown RPC method " + name + " with " + args.size() + " arguments");
        }
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = RpcCodec.decode(args.get(i));
        }
        try {
            return m.invoke(target, values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
    }

    private void ack(long tag) {
        synchronized (this) { // acks from many virtual threads share the consumer's channel
            try {
                channel.basicAck(tag, false);
            } catch (IOException | RuntimeException e) {
                // The channel died with the broker: the request is redelivered after recovery.
                LOG.warn("Could not acknowledge an RPC request: {}", e.getMessage());
            }
        }
    }

    private static Map<String, Method> methods() {
        Map<String, Method> m = new HashMap<>();
        for (Method method : ConductorApi.class.getMethods()) {
            if (m.put(method.getName(), method) != null) {
                throw new IllegalStateException("ConductorApi methods are dispatched by name: " + method.getName() + " is overloaded");
            }
        }
        return Map.copyOf(m);
    }

    /** Stops taking requests, then waits a little for those being handled so their replies go out. */
    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        for (String tag : consumerTags) {
            try {
                channel.basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                // the broker is gone: unacknowledged requests go back to the queue anyway
            }
        }
        try {
            inFlight.awaitAdvanceInterruptibly(inFlight.arrive(), 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warn("Stopping with RPC requests still being handled; they will be delivered again");
        }
        try {
            channel.close();
        } catch (Exception e) {
            // closing anyway
        }
        channel = null;
    }
}
