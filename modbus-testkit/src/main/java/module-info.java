/**
 * The toolkit's test kit, on other modules' test class paths only: an in-memory link that drives a frame codec and
 * an exchange without sockets, hex and frame builders over an independent CRC/LRC oracle, external tools found on
 * the PATH and run with a timeout, socat pty pairs.
 */
module dev.modbustoolkit.testkit {
  requires transitive dev.modbustoolkit.transport;
  requires org.junit.jupiter.api;
  requires static org.jspecify;

  exports dev.modbustoolkit.testkit;
}
