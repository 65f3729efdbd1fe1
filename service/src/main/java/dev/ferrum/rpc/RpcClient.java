package dev.ferrum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of RPC over RabbitMQ. A call is a message to a durable conductor queue with a reply-to queue
 * of this process, a correlation id and the caller's deadline, past which no conductor starts it: it expires in the
 * topic queue then, and a conductor drops one it receives late. Calls are transient, as oslo.messaging's are: the
 * caller, which waits anyway, keeps a call alive by sending every unanswered call again when the broker comes back,
 * so writing it to the broker's disk buys nothing. A cast has no caller waiting: it is persistent and never expires.
 */
public final class RpcClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    private final Broker broker;
    private final String topic;
    private final Duration timeout;
    private final String replyQueue = "ferrum.reply." + UUID.randomUUID();
    private final Channel replies;
    /** Calls waiting for their reply, by id. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * How long a request waits in a conductor's own queue before it goes to the shared one. A live conductor takes
     * its requests within milliseconds; this bounds what a request for a dead conductor's node costs until the hash
     * ring drops it ([conductor]heartbeat_timeout), instead of the whole rpc_response_timeout.
     */
    public static final Duration HOST_QUEUE_WAIT = Duration.ofSeconds(2);

    private static final Duration PUBLISH_RETRY_INTERVAL = Duration.ofMillis(200);
    /** A call waiting for its reply, and the message as published, so it can be sent again. */
    private record Pending(CompletableFuture<JsonNode> reply, String queue, AMQP.BasicProperties props, byte[] body,
                           long deadlineNanos) {
    }

    /** The broker returned a request: no queue of that name exists. */
    private static final class Unroutable extends Exception {
        Unroutable() {
            super(null, null, false, false);
        }
    }

    public RpcClient(Broker broker, String topic, Duration timeout) {
        this.broker = Objects.requireNonNull(broker);
        this.topic = Objects.requireNonNull(topic);
        this.timeout = Objects.requireNonNull(timeout);
        try {
            replies = broker.channel();
            // Declared here too, so requests sent before any conductor started wait in it instead of being dropped.
            replies.queueDeclare(topic, true, false, false, null);
            // Durable, so a conductor's reply survives a broker restart; deleted on close, or by the broker once unused.
            replies.queueDeclare(replyQueue, true, false, false, Map.of("x-expires", Math.max(60_000, 2 * timeout.toMillis())));
            replies.basicConsume(replyQueue, true, (tag, d) -> reply(d), tag -> { });
        } catch (IOException e) {
            throw new FerrumException(ErrorCode.SERVICE_UNAVAILABLE, "Cannot set up RPC on the message broker at "
                    + broker.url() + ": " + e.getMessage(), e);
        }
        broker.onReturn(r -> fail(r.getProperties().getCorrelationId(), new Unroutable()));
        broker.onRecovery(this::resendUnanswered);
    }

    /**
     * Sends a request and waits for its reply: the returned value, or the conductor's error rethrown. With a target
     * the request goes to that conductor's own queue; if the queue does not exist, or nobody takes the request from
     * it within {@link #HOST_QUEUE_WAIT} (the conductor died or is swamped), it goes to the shared topic queue,
     * where any conductor takes it: the node's lock in the database, not the queue, keeps two conductors apart.
     */
    public Object call(String target, String method, Object... args) {
        String id = UUID.randomUUID().toString();
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        long deadlineMillis = System.currentTimeMillis() + timeout.toMillis();
        byte[] body = request(method, args);
        String queue = queueFor(target);
        try {
            JsonNode r;
            try {
                r = send(id, queue, body, deadlineNanos, deadlineMillis);
            } catch (Unroutable e) {
                LOG.debug("No queue {} on the broker; sending {} to {}", queue, method, topic);
                queue = topic;
                r = send(id, queue, body, deadlineNanos, deadlineMillis);
            }
            if (r.has("error")) {
                throw RpcCodec.exception(r.get("error"));
            }
            return RpcCodec.decode(r.get("result"));
        } catch (TimeoutException e) {
            // Ironic's wording, so operators recognise it; and what it means for the request.
            throw new FerrumException(ErrorCode.INTERNAL, "Timed out waiting for a reply to message ID " + id + " (" + method
                    + ") from a conductor on " + queue + " after " + timeout.toSeconds() + " seconds ([DEFAULT]rpc_response_timeout); "
                    + "the conductor may still carry out the request.");
        } catch (Unroutable e) {
            throw new FerrumException(ErrorCode.SERVICE_UNAVAILABLE, "No conductor queue " + topic
                    + " exists on the message broker; nothing was sent. Start a conductor.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerrumException(ErrorCode.INTERNAL, "Interrupted waiting for a reply to " + method);
        }
    }

    /** One attempt: publish to a queue, wait for the reply until the caller's deadline. */
    private JsonNode send(String id, String queue, byte[] body, long deadlineNanos, long deadlineMillis)
            throws TimeoutException, InterruptedException, Unroutable {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        try {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
            // In a host queue a request waits HOST_QUEUE_WAIT, then the queue dead-letters it to the topic queue
            // (which drops its expiration: the deadline header tells the conductor when the caller gave up).
            long expiration = queue.equals(topic) ? left : Math.min(left, HOST_QUEUE_WAIT.toMillis());
            AMQP.BasicProperties props = props(id, "call").replyTo(replyQueue).expiration(Long.toString(expiration))
                    .headers(Map.of(RpcServer.DEADLINE_HEADER, deadlineMillis)).build();
            pending.put(id, new Pending(reply, queue, props, body, deadlineNanos));
            publish(queue, props, body, deadlineNanos);
            return reply.get(Math.max(deadlineNanos - System.nanoTime(), 1), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Unroutable u) {
                throw u;
            }
            throw e.getCause() instanceof FerrumException fe ? fe : new IllegalStateException(e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    /**
     * After a broker restart, which drops transient messages, sends every call still waiting for its reply again
     * with its own id: a conductor that ran it already answers from its first run (see RpcServer).
     */
    private void resendUnanswered() {
        if (!pending.isEmpty()) {
            LOG.info("Sending {} unanswered RPC call(s) again after the broker came back", pending.size());
        }
        pending.forEach((id, o) -> Thread.ofVirtual().name("rpc-resend").start(() -> {
            try {
                publish(o.queue(), o.props(), o.body(), o.deadlineNanos());
            } catch (FerrumException e) {
                LOG.warn("Could not send RPC call {} again: {}", id, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /**
     * Publishes until the broker confirms or the caller's deadline comes. While the broker is restarting this waits
     * for the library to reconnect; a retry carries the same message id, so a conductor that already ran a request
     * whose confirm was lost answers the retry from its first run instead of running it again.
     */
    private void publish(String queue, AMQP.BasicProperties props, byte[] body, long deadlineNanos) throws InterruptedException {
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            try {
                broker.publish(queue, true, props, body, Duration.ofNanos(Math.max(left, 1)));
                return;
            } catch (FerrumException e) {
                if (left < PUBLISH_RETRY_INTERVAL.toNanos() * 2) {
                    throw e;
                }
                LOG.debug("Publishing to {} failed ({}); trying again", queue, e.getMessage());
            }
            Thread.sleep(PUBLISH_RETRY_INTERVAL);
        }
    }

    /** Sends a request and returns once the broker has it; the conductor's answer, if any, is not awaited. */
    public void cast(String target, String method, Object... args) {
        broker.publish(queueFor(target), true, props(UUID.randomUUID().toString(), "cast").build(), request(method, args), timeout);
    }

    private String queueFor(String target) {
        return target == null ? topic : topic + "." + target;
    }

    private static AMQP.BasicProperties.Builder props(String id, String kind) {
        return new AMQP.BasicProperties.Builder().correlationId(id).messageId(id).type(kind)
                .contentType("application/json").deliveryMode(kind.equals("cast") ? 2 : 1).timestamp(new java.util.Date());
    }

    static byte[] request(String method, Object... args) {
        ObjectNode req = Json.object();
        req.put("method", method);
        ArrayNode a = req.putArray("args");
        for (Object arg : args) {
            a.add(RpcCodec.encode(arg));
        }
        return Json.write(req).getBytes(StandardCharsets.UTF_8);
    }

    private void reply(Delivery d) {
        String id = d.getProperties().getCorrelationId();
        CompletableFuture<JsonNode> f = future(id);
        if (f == null) {
            LOG.debug("Dropping a reply nobody waits for any more ({})", id);
            return;
        }
        try {
            f.complete(Json.parseStored(new String(d.getBody(), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            f.completeExceptionally(new FerrumException(ErrorCode.INTERNAL, "Malformed reply from a conductor: " + e.getMessage()));
        }
    }

    private CompletableFuture<JsonNode> future(String id) {
        Pending p = id == null ? null : pending.get(id);
        return p == null ? null : p.reply();
    }

    private void fail(String id, Exception e) {
        CompletableFuture<JsonNode> f = future(id);
        if (f != null) {
            f.completeExceptionally(e);
        } else {
            LOG.warn("The message broker returned request {}: no queue takes it", id);
        }
    }

    @Override
    public void close() {
        pending.values().forEach(p -> p.reply().completeExceptionally(new FerrumException(ErrorCode.SERVICE_UNAVAILABLE,
                "The API is shutting down; the reply was not awaited.")));
        try {
            replies.queueDelete(replyQueue);
            replies.close();
        } catch (Exception e) {
            // the connection may already be gone
        }
    }
}
