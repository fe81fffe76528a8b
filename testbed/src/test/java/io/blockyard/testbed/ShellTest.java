package io.blockyard.testbed;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host tool the test bed needs and cannot find is named, with how to install it. */
class ShellTest {
  @Test
  void aMissingIpCommandIsNamedWithItsPackage(@TempDir Path emptyBin) {
    assertThatThrownBy(() -> Shell.requireTool("ip", List.of(emptyBin.toString())))
        .isInstanceOf(TestbedException.class)
        .hasMessage("the test bed needs 'ip', which is not installed: apt-get install iproute2");
    assertThatThrownBy(() -> Shell.requireTool("nsenter", List.of(emptyBin.toString())))
        .hasMessageEndingWith("apt-get install util-linux");
  }

  @Test
  void aToolOnTheSearchPathIsAccepted() {
    assertThatCode(() -> Shell.requireTool("ip")).doesNotThrowAnyException();
    assertThatCode(() -> Shell.requireTool("sh", List.of("/usr/bin", "/bin"))).doesNotThrowAnyException();
  }

  @Test
  void aCommandThatCannotBeFoundFailsBeforeRunning() {
    assertThatThrownBy(() -> Shell.run("blockyard-no-such-tool", "--version"))
        .isInstanceOf(TestbedException.class)
        .hasMessageContaining("needs 'blockyard-no-such-tool', which is not installed");
  }
}
