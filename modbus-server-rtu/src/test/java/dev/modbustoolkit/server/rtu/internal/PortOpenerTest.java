package dev.modbustoolkit.server.rtu.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.serial.Parity;
import dev.modbustoolkit.serial.SerialLineSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class PortOpenerTest {

  /** A device that accepts the settings a predicate allows; records what was tried. */
  static final class ScriptedPort implements PortHandle {
    final boolean pty;
    final Predicate<SerialLineSettings> accepts;
    final boolean acceptsUnconfigured;
    final List<String> calls = new ArrayList<>();

    ScriptedPort(boolean pty, Predicate<SerialLineSettings> accepts, boolean acceptsUnconfigured) {
      this.pty = pty;
      this.accepts = accepts;
      this.acceptsUnconfigured = acceptsUnconfigured;
    }

    @Override
    public String name() {
      return "/tmp/fake";
    }

    @Override
    public boolean isPseudoTerminal() {
      return pty;
    }

    @Override
    public boolean open(SerialLineSettings settings) {
      calls.add("open " + settings);
      return accepts.test(settings);
    }

    @Override
    public boolean openUnconfigured() {
      calls.add("openUnconfigured");
      return acceptsUnconfigured;
    }

    @Override
    public String lastError() {
      return "errno 22";
    }

    @Override
    public int read(byte[] buffer) {
      return 0;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {}

    @Override
    public void close() {
      calls.add("close");
    }
  }

  static final SerialLineSettings EIGHT_E_ONE = SerialLineSettings.RTU_DEFAULT;

  @Test
  void settingsThatWorkAreUsedAsTheyAre() throws IOException {
    ScriptedPort port = new ScriptedPort(true, s -> true, true);
    assertThat(PortOpener.open(port, EIGHT_E_ONE)).isEqualTo(EIGHT_E_ONE);
    assertThat(port.calls).containsExactly("open 19200 8E1");
  }

  @Test
  void aPtyThatRefusesParityIsOpenedWithoutIt() throws IOException {
    ScriptedPort port = new ScriptedPort(true, s -> s.parity() == Parity.NONE, true);
    assertThat(PortOpener.open(port, EIGHT_E_ONE)).isEqualTo(EIGHT_E_ONE.withParity(Parity.NONE));
    assertThat(port.calls).containsExactly("open 19200 8E1", "open 19200 8N1");
  }

  @Test
  void aPtyThatRefusesEverySettingIsOpenedUnconfigured() throws IOException {
    ScriptedPort port = new ScriptedPort(true, s -> false, true);
    assertThat(PortOpener.open(port, EIGHT_E_ONE)).isEqualTo(EIGHT_E_ONE);
    assertThat(port.calls).containsExactly("open 19200 8E1", "open 19200 8N1", "openUnconfigured");
  }

  @Test
  void aRealPortThatRefusesParityIsAnError() {
    ScriptedPort port = new ScriptedPort(false, s -> s.parity() == Parity.NONE, true);
    assertThatThrownBy(() -> PortOpener.open(port, EIGHT_E_ONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/tmp/fake")
        .hasMessageContaining("19200 8E1")
        .hasMessageContaining("errno 22");
    assertThat(port.calls).containsExactly("open 19200 8E1");
  }

  @Test
  void aPtyThatCannotBeOpenedAtAllIsAnError() {
    ScriptedPort port = new ScriptedPort(true, s -> false, false);
    assertThatThrownBy(() -> PortOpener.open(port, EIGHT_E_ONE)).isInstanceOf(IOException.class)
        .hasMessageContaining("pseudo-terminal");
  }
}
