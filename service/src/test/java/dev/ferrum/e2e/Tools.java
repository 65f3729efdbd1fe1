package dev.ferrum.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Real client tools the end-to-end tests need: skipped locally when missing, a failure in CI. */
final class Tools {
    private Tools() {
    }

    static void require(String path, String debianPackage) {
        if (Files.isExecutable(Path.of(path))) {
            return;
        }
        String why = path + " is missing (install Debian's " + debianPackage + ")";
        if ("1".equals(System.getenv("FERRUM_REQUIRE_ALL"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    static void requirePythonModule(String module, String debianPackage) {
        require("/usr/bin/python3", "python3");
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import " + module).start();
            if (p.waitFor() == 0) {
                return;
            }
        } catch (Exception e) {
            // fall through to the failure below
        }
        String why = "python module " + module + " is missing (install Debian's " + debianPackage + ")";
        if ("1".equals(System.getenv("FERRUM_REQUIRE_ALL"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }
}
