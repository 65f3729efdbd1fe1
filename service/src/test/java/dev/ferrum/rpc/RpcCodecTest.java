package dev.ferrum.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcCodecTest {
    /** Through the bytes that travel, as the transport does. */
    private static Object roundTrip(Object v) {
        return RpcCodec.decode(Json.parseStored(Json.write(RpcCodec.encode(v))));
    }

    @Test
    void scalarsKeepTheirJavaTypes() {
        assertThat(roundTrip("text")).isEqualTo("text");
        assertThat(roundTrip("")).isEqualTo("");
        assertThat(roundTrip(true)).isEqualTo(true);
        assertThat(roundTrip(42)).isInstanceOf(Integer.class).isEqualTo(42);
        assertThat(roundTrip(Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
        assertThat(roundTrip(7L)).isInstanceOf(Long.class).isEqualTo(7L);
        assertThat(roundTrip(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(roundTrip(1.25d)).isInstanceOf(Double.class).isEqualTo(1.25d);
        assertThat(roundTrip(new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
        assertThat(roundTrip(null)).isNull();
    }

    @Test
    void timesKeepEveryDigit() {
        LocalDateTime t = LocalDateTime.of(2024, 2, 29, 23, 0, 0, 123_456_000);
        assertThat(roundTrip(t)).isInstanceOf(LocalDateTime.class).isEqualTo(t);
        LocalDateTime whole = LocalDateTime.of(2024, 1, 1, 10, 0);
        assertThat(roundTrip(whole)).isEqualTo(whole);
        OffsetDateTime o = OffsetDateTime.parse("2024-05-01T12:30:01.5+02:00");
        assertThat(roundTrip(o)).isEqualTo(o);
        Instant i = Instant.parse("2024-05-01T12:30:01.000000001Z");
        assertThat(roundTrip(i)).isEqualTo(i);
    }

    @Test
    void jsonTreesStayTreesAndJsonNullIsNotJavaNull() {
        JsonNode tree = Json.parseStored("{\"a\": [1, 2.50, null, {\"t\": \"x\", \"v\": 1}], \"b\": {}, \"c\": \"s\", \"d\": 12345678901234}");
        Object back = roundTrip(tree);
        assertThat(back).isInstanceOf(JsonNode.class).isEqualTo(tree);
        assertThat(((JsonNode) back).get("a").get(1).isBigDecimal()).isTrue();
        assertThat(roundTrip(NullNode.getInstance())).isEqualTo(NullNode.getInstance());
        assertThat(roundTrip(Json.MAPPER.createArrayNode())).isEqualTo(Json.MAPPER.createArrayNode());
        assertThat(roundTrip(new Json.Stored("{\"x\": 1}"))).isEqualTo(new Json.Stored("{\"x\": 1}"));
    }

    @Test
    void mapsAndListsNestAndKeepOrderAndAnyKeys() {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("interface", "deploy");
        step.put("step", "deploy");
        step.put("priority", 100);
        step.put("args", Json.parseStored("{\"force\": true}"));
        step.put("t", "not a tag");
        step.put("v", null);
        List<Object> steps = new ArrayList<>(List.of(step, List.of(), "x"));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("z", 1);
        values.put("a", steps);
        values.put("updated_at", LocalDateTime.of(2025, 3, 1, 8, 9, 10));
        Object back = roundTrip(values);
        assertThat(back).isEqualTo(values);
        assertThat(List.copyOf(((Map<?, ?>) back).keySet())).isEqualTo(List.of("z", "a", "updated_at"));
        assertThat(((Map<?, ?>) ((List<?>) ((Map<?, ?>) back).get("a")).get(0)).containsKey("v")).isTrue();
    }

    @Test
    void aValueWithNoEncodingIsRefusedOnTheSendingSide() {
        assertThatThrownBy(() -> RpcCodec.encode(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> RpcCodec.encode(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpcCodec.decode(Json.parseStored("{\"a\": 1}"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorsKeepCodeAndMessageAndHideInternals() {
        FerrumException locked = FerrumException.nodeLocked("n1", "c1");
        FerrumException back = RpcCodec.exception(Json.parseStored(Json.write(RpcCodec.error(locked, "c1"))));
        assertThat(back.code()).isEqualTo(ErrorCode.NODE_LOCKED);
        assertThat(back.getMessage()).isEqualTo(locked.getMessage());
        FerrumException internal = RpcCodec.exception(RpcCodec.error(new IllegalStateException("secret detail"), "c1"));
        assertThat(internal.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(internal.getMessage()).contains("conductor c1").doesNotContain("secret detail");
        assertThat(RpcCodec.exception(Json.parseStored("{\"code\": \"FROM_THE_FUTURE\", \"message\": \"m\"}")).code())
                .isEqualTo(ErrorCode.INTERNAL);
    }
}
