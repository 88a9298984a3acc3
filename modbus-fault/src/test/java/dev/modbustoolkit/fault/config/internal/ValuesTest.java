package dev.modbustoolkit.fault.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modbustoolkit.fault.config.FaultFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scalar conversions of the fault and profile files, at the ends of their ranges: each bad value names the
 * field and says what was found (the messages a user reads; PIT found them unpinned).
 */
class ValuesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static FaultFileException error(Runnable conversion) {
    try {
      conversion.run();
    } catch (FaultFileException e) {
      return e;
    }
    throw new AssertionError("no FaultFileException");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"'\"x\"' | text 'x'", "12 | number 12", "1.5 | number 1.5",
      "true | boolean true", "[1] | a list", "{} | an object", "null | null"})
  void describesEveryKindOfNode(String node, String description) {
    assertThat(Values.describe(json(node))).isEqualTo(description);
  }

  @Test
  void textAndNamesAndEnums() {
    assertThat(Values.text(json("\"a b\""), "f")).isEqualTo("a b");
    assertThat(error(() -> Values.text(json("3"), "f.g"))).hasMessage("f.g: expected text, found number 3");
    assertThat(Values.name(json("\" close-new \""), "f")).isEqualTo("CLOSE_NEW");
    assertThat(Values.enumValue(json("\"half-up\""), "f", Rounding.class)).isEqualTo(Rounding.HALF_UP);
    assertThat(Values.enumValue(json("\"DOWN\""), "f", Rounding.class)).isEqualTo(Rounding.DOWN);
    FaultFileException e = error(() -> Values.enumValue(json("\"sideways\""), "a[0].mode", Rounding.class));
    assertThat(e).hasMessage("a[0].mode: unknown value 'sideways' (expected one of [half-up, down])");
    assertThat(e.field()).isEqualTo("a[0].mode");
  }

  private enum Rounding {
    HALF_UP,
    DOWN
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"0 | 0", "-1 | -1", "9223372036854775807 | 9223372036854775807",
      "-9223372036854775808 | -9223372036854775808", "'\"0x1F\"' | 31", "'\"0XfF\"' | 255", "'\"-0x10\"' | -16",
      "'\" 1_000 \"' | 1000", "'\"-42\"' | -42"})
  void longValues(String node, long value) {
    assertThat(Values.longValue(json(node), "f")).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "9223372036854775808 | f: number 9223372036854775808 is too large",
      "'\"ten\"' | f: expected an integer, found text 'ten'",
      "'\"0x\"' | f: expected an integer, found text '0x'",
      "1.5 | f: expected an integer, found number 1.5",
      "true | f: expected an integer, found boolean true",
      "[] | f: expected an integer, found a list"})
  void longValueErrorsNameTheField(String node, String message) {
    assertThat(error(() -> Values.longValue(json(node), "f"))).hasMessage(message);
  }

  @Test
  void intValuesStopAtTheIntRange() {
    assertThat(Values.intValue(json("2147483647"), "f")).isEqualTo(Integer.MAX_VALUE);
    assertThat(Values.intValue(json("-2147483648"), "f")).isEqualTo(Integer.MIN_VALUE);
    assertThat(error(() -> Values.intValue(json("2147483648"), "f"))).hasMessage("f: number 2147483648 is too large");
    assertThat(error(() -> Values.intValue(json("-2147483649"), "f")))
        .hasMessage("f: number -2147483649 is too large");
  }

  @Test
  void doublesAndBooleans() {
    assertThat(Values.doubleValue(json("0.25"), "f")).isEqualTo(0.25);
    assertThat(Values.doubleValue(json("3"), "f")).isEqualTo(3.0);
    assertThat(Values.doubleValue(json("\" 1e3 \""), "f")).isEqualTo(1000.0);
    assertThat(error(() -> Values.doubleValue(json("\"much\""), "p")))
        .hasMessage("p: expected a number, found text 'much'");
    assertThat(error(() -> Values.doubleValue(json("false"), "p")))
        .hasMessage("p: expected a number, found boolean false");
    assertThat(Values.booleanValue(json("true"), "b")).isTrue();
    assertThat(Values.booleanValue(json("false"), "b")).isFalse();
    assertThat(error(() -> Values.booleanValue(json("\"yes\""), "b")))
        .hasMessage("b: expected true or false, found text 'yes'");
  }

  @Test
  void durations() {
    assertThat(Values.duration(json("250"), "d")).isEqualTo(Duration.ofMillis(250));
    assertThat(Values.duration(json("0.5"), "d")).isEqualTo(Duration.ofNanos(500_000));
    assertThat(Values.duration(json("\" 2s \""), "d")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Values.duration(json("\"PT0.2S\""), "d")).isEqualTo(Duration.ofMillis(200));
    assertThat(error(() -> Values.duration(json("\"250\""), "d"))).hasMessage(
        "d: '250' is not a duration (give a unit, e.g. 250ms, or write the number unquoted for milliseconds)");
    assertThat(error(() -> Values.duration(json("\"1.5\""), "d"))).hasMessageStartingWith(
        "d: '1.5' is not a duration (give a unit");
    assertThat(error(() -> Values.duration(json("[1]"), "d")))
        .hasMessage("d: expected a duration like 200ms, found a list");
    // An empty text is not a quoted number: the duration parser says what is wrong with it.
    assertThat(error(() -> Values.duration(json("\"\""), "d")).field()).isEqualTo("d");
  }

  @Test
  void instantsWithAnOffsetOrInUtc() {
    assertThat(Values.instant(json("\"2025-01-31T09:00:00+01:00\""), "t"))
        .isEqualTo(Instant.parse("2025-01-31T08:00:00Z"));
    assertThat(Values.instant(json("\" 2025-01-31T08:00:00Z \""), "t"))
        .isEqualTo(Instant.parse("2025-01-31T08:00:00Z"));
    assertThat(error(() -> Values.instant(json("\"tomorrow\""), "t")))
        .hasMessage("t: 'tomorrow' is not an ISO-8601 instant (e.g. 2025-01-31T08:00:00Z)");
    assertThat(error(() -> Values.instant(json("5"), "t"))).hasMessage("t: expected text, found number 5");
  }

  @Test
  void bytesFromHexOrAList() {
    assertThat(Values.bytes(json("\"01 83 02\""), "b")).containsExactly(0x01, 0x83, 0x02);
    assertThat(Values.bytes(json("\"0x01:0X83,02\""), "b")).containsExactly(0x01, 0x83, 0x02);
    assertThat(Values.bytes(json("\"\""), "b")).isEmpty();
    assertThat(Values.bytes(json("[0, 255, \"0x7f\"]"), "b")).containsExactly(0x00, 0xFF, 0x7F);
    assertThat(error(() -> Values.bytes(json("\"0g\""), "b")))
        .hasMessage("b: '0g' is not a hex byte string like \"01 83 02\"");
    assertThat(error(() -> Values.bytes(json("\"123\""), "b")))
        .hasMessage("b: '123' is not a hex byte string like \"01 83 02\"");
    FaultFileException high = error(() -> Values.bytes(json("[1, 256]"), "raw"));
    assertThat(high).hasMessage("raw[1]: byte 256 out of range 0..255");
    assertThat(high.field()).isEqualTo("raw[1]");
    assertThat(error(() -> Values.bytes(json("[-1]"), "raw"))).hasMessage("raw[0]: byte -1 out of range 0..255");
    assertThat(error(() -> Values.bytes(json("[\"x\"]"), "raw")))
        .hasMessage("raw[0]: expected an integer, found text 'x'");
    assertThat(error(() -> Values.bytes(json("7"), "raw")))
        .hasMessage("raw: expected a list of bytes or a hex string, found number 7");
  }

  @Test
  void aValueOrAListOfThem() {
    assertThat(Values.list(json("3"))).containsExactly(NODES.numberNode(3));
    assertThat(Values.list(json("[3, 4]"))).containsExactly(NODES.numberNode(3), NODES.numberNode(4));
    assertThat(Values.list(json("[]"))).isEqualTo(List.of());
    assertThat(Values.elementPath(json("[3, 4]"), "fc", 1)).isEqualTo("fc[1]");
    assertThat(Values.elementPath(json("3"), "fc", 0)).isEqualTo("fc");
  }
}
