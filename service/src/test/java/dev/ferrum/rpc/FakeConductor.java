package dev.ferrum.rpc;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A conductor whose methods the test defines one by one; it records every method it was asked to run. */
final class FakeConductor {
    final Map<String, Function<Object[], Object>> handlers = new ConcurrentHashMap<>();
    final List<String> invoked = new CopyOnWriteArrayList<>();
    final ConductorApi api = (ConductorApi) Proxy.newProxyInstance(ConductorApi.class.getClassLoader(),
            new Class<?>[] {ConductorApi.class}, (proxy, m, args) -> {
                invoked.add(m.getName() + (args == null || args.length == 0 ? "" : ":" + args[0]));
                Function<Object[], Object> h = handlers.get(m.getName());
                if (h == null) {
                    throw new UnsupportedOperationException(m.getName());
                }
                return h.apply(args);
            });

    FakeConductor on(String method, Function<Object[], Object> handler) {
        handlers.put(method, handler);
        return this;
    }

    /**
     * Starts a conductor on {@code topic}, casts a marker through {@code client} and checks the marker is all it ran:
     * a request whose caller gave up earlier (queued before the marker) was dropped, not run late.
     */
    static void assertOnlyTheMarkerRuns(dev.ferrum.testing.TestBroker broker, String topic, RpcClient client) {
        FakeConductor later = new FakeConductor().on("destroyNode", a -> null);
        RpcServer s = new RpcServer(broker.connect("later"), topic, "c3", later.api, 8).start();
        broker.forget(s.hostQueue());
        try {
            client.cast(null, "destroyNode", "marker");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> later.invoked.contains("destroyNode:marker"));
            org.assertj.core.api.Assertions.assertThat(later.invoked).containsExactly("destroyNode:marker");
        } finally {
            s.close();
        }
    }
}
