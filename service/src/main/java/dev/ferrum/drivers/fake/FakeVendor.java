package dev.ferrum.drivers.fake;

import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.VendorInterface;
import java.util.List;
import java.util.Map;

/** fake-hardware's vendor passthru: each method answers whether {@code bar} has its magic value. */
record FakeVendor(Delay delay) implements VendorInterface {
    private static final Map<String, String> MAGIC = Map.of("second_method", "kazoo", "third_method_sync", "meow",
            "fourth_method_shared_lock", "woof");
    private static final Map<String, Method> METHODS = Map.of(
            "second_method", new Method("second_method", List.of("POST"), true, "Test if the value of bar is kazoo", false, true),
            "third_method_sync", new Method("third_method_sync", List.of("POST"), false, "Test if the value of bar is meow", false, true),
            "fourth_method_shared_lock", new Method("fourth_method_shared_lock", List.of("POST"), true,
                    "Test if the value of bar is woof", false, false));

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("B1", "B1 description. Required.", "B2", "B2 description. Required.");
    }

    @Override
    public Map<String, Method> methods() {
        return METHODS;
    }

    @Override
    public Object call(Task task, String method, String httpMethod, Map<String, Object> args) {
        Object bar = args.get("bar");
        if (bar == null || "".equals(bar)) {
            throw FerrumException.invalid("Parameter 'bar' not passed to method '%s'.", method);
        }
        delay.pause();
        return MAGIC.get(method).equals(bar);
    }
}
