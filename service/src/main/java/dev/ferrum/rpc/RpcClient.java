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
 * The caller's side of RPC over RabbitMQ. A call is a persistent message to a durable conductor queue with a
 * reply-to queue of this process and a correlation id; it expires in the queue after the response timeout, so a
 * conductor never starts work whose caller already gave up. A cast is persistent and never expires.
 */
public final class RpcClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    private final Broker broker;
    private final String topic;
    private final Duration timeout;
    private final String replyQueue = "ferrum.reply." + UUID.randomUUID();
    private final Channel replies;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    public RpcClient(Broker broker, String topic, Duration timeout) {
        this.broker = Objects.requireNonNull(broker);
        this.topic = Objects.requireNonNull(topic);
        this.timeout = Objects.requireNonNull(timeout);
        try {
            replies = broker.channel();
            // Declared here too, so requests sent before any conductor started wait in it instead of being dropped.
            replies.queueDeclare(topic, true, false, false, null);
            // Exclusive: deleted with this connection; recovery declares it again under the same name.
            replies.queueDeclare(replyQueue, false, true, true, null);
            replies.basicConsume(replyQueue, true, (tag, d) -> reply(d), tag -> { });
        } catch (IOException e) {
            throw new FerrumException(ErrorCode.SERVICE_UNAVAILABLE, "Cannot set up RPC on the message broker at "
                    + broker.url() + ": " + e.getMessage(), e);
        }
        broker.onReturn(r -> fail(r.getProperties().getCorrelationId(), new FerrumException(ErrorCode.SERVICE_UNAVAILABLE,
                "No conductor queue " + r.getRoutingKey() + " exists on the message broker; nothing was sent.")));
    }

    /** Sends a request and waits for its reply: the returned value, or the conductor's error rethrown. */
    public Object call(String target, String method, Object... args) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        String queue = queueFor(target);
        try {
            AMQP.BasicProperties props = props(id, "call").replyTo(replyQueue)
                    .expiration(Long.toString(timeout.toMillis())).build();
            long start = System.nanoTime();
            broker.publish(queue, true, props, request(method, args), timeout);
            long left = timeout.toNanos() - (System.nanoTime() - start);
            JsonNode r = reply.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            if (r.has("error")) {
                throw RpcCodec.exception(r.get("error"));
            }
            return RpcCodec.decode(r.get("result"));
        } catch (TimeoutException e) {
            // Ironic's wording, so operators recognise it; and what it means for the request.
            throw new FerrumException(ErrorCode.INTERNAL, "Timed out waiting for a reply to message ID " + id + " (" + method
                    + ") from a conductor on " + queue + " after " + timeout.toSeconds() + " seconds ([DEFAULT]rpc_response_timeout); "
                    + "the conductor may still carry out the request.");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof FerrumException fe ? fe : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerrumException(ErrorCode.INTERNAL, "Interrupted waiting for a reply to " + method);
        } finally {
            pending.remove(id);
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
                .contentType("application/json").deliveryMode(2).timestamp(new java.util.Date());
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
        CompletableFuture<JsonNode> f = id == null ? null : pending.get(id);
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

    private void fail(String id, FerrumException e) {
        CompletableFuture<JsonNode> f = id == null ? null : pending.get(id);
        if (f != null) {
            f.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        pending.values().forEach(f -> f.completeExceptionally(new FerrumException(ErrorCode.SERVICE_UNAVAILABLE,
                "The API is shutting down; the reply was not awaited.")));
        try {
            replies.close();
        } catch (Exception e) {
            // the connection may already be gone
        }
    }
}
