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
    public void validateCall(Task task, String method, String httpMethod, Map<String, Object> args) {
        if (METHODS.containsKey(method) && falsy(args.get("bar"))) {
            throw FerrumException.invalid("Parameter 'bar' not passed to method '%s'.", method);
        }
    }

    /** Python's "not bar": missing, null, false, zero or empty. */
    private static boolean falsy(Object v) {
        return switch (v) {
            case null -> true;
            case Boolean b -> !b;
            case Number n -> n.doubleValue() == 0;
            case String s -> s.isEmpty();
            case java.util.Collection<?> c -> c.isEmpty();
            case Map<?, ?> m -> m.isEmpty();
            default -> false;
        };
    }

    @Override
    public Object call(Task task, String method, String httpMethod, Map<String, Object> args) {
        validateCall(task, method, httpMethod, args);
        delay.pause();
        return MAGIC.get(method).equals(args.get("bar"));
    }
}
