package dev.ferrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** openstacksdk's baremetal proxy against Ferrum: create, patch, update, list with details, fields and pages. */
class OpenstackSdkIT {
    @Test
    void sdkWorksUnchanged() throws Exception {
        Tools.requirePythonModule("openstack", "python3-openstacksdk");
        Path script = Path.of(OpenstackSdkIT.class.getResource("/e2e/sdk_check.py").toURI());
        try (FerrumProcess ferrum = new FerrumProcess("")) {
            FerrumProcess.Run r = ferrum.client(List.of("/usr/bin/python3", script.toString(), ferrum.endpoint()));
            assertThat(r.code()).as("%s%nserver log:%n%s", r.out(), ferrum.log()).isZero();
            assertThat(r.out().strip()).isEqualTo("OK");
        }
    }
}
