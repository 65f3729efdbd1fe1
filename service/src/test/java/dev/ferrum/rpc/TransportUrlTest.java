package dev.ferrum.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransportUrlTest {
    @Test
    void oneHostWithCredentialsAndVirtualHost() {
        TransportUrl u = TransportUrl.parse("rabbit://ironic:s%40cret@mq.example:5673/ironic");
        assertThat(u.hosts()).containsExactly(new TransportUrl.Host("mq.example", 5673, "ironic", "s@cret"));
        assertThat(u.virtualHost()).isEqualTo("ironic");
        assertThat(u.toString()).doesNotContain("s@cret").doesNotContain("s%40cret").contains("******");
    }

    @Test
    void defaultsAndSeveralHosts() {
        TransportUrl u = TransportUrl.parse("rabbit://guest:guest@a,guest:guest@b:5674/");
        assertThat(u.hosts()).extracting(TransportUrl.Host::host, TransportUrl.Host::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 5672), org.assertj.core.groups.Tuple.tuple("b", 5674));
        assertThat(u.virtualHost()).isEqualTo("/");
        assertThat(TransportUrl.parse("rabbit://h").virtualHost()).isEqualTo("/");
        assertThat(TransportUrl.parse("rabbit://h/%2F").virtualHost()).isEqualTo("/");
        assertThat(TransportUrl.parse("rabbit://u:p@[::1]:5672/v?ssl=0").hosts())
                .isEqualTo(List.of(new TransportUrl.Host("::1", 5672, "u", "p")));
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> TransportUrl.parse("")).hasMessageContaining("rabbit://");
        assertThatThrownBy(() -> TransportUrl.parse("kafka://h:9092/")).hasMessageContaining("only rabbit://");
        assertThatThrownBy(() -> TransportUrl.parse("rabbit://h:x/")).hasMessageContaining("bad port");
        assertThatThrownBy(() -> TransportUrl.parse("rabbit:///v")).hasMessageContaining("no host");
    }
}
