package dev.modbustoolkit.fault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.AddressRange;
import dev.modbustoolkit.fault.ByteSource;
import dev.modbustoolkit.fault.CloseMode;
import dev.modbustoolkit.fault.ConnectDecision;
import dev.modbustoolkit.fault.CrcCorruption;
import dev.modbustoolkit.fault.Cut;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.FieldOverride;
import dev.modbustoolkit.fault.GarbagePlacement;
import dev.modbustoolkit.fault.Scope;
import dev.modbustoolkit.fault.TriggerSpec;
import dev.modbustoolkit.pdu.ExceptionCode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultFileLoaderTest {

  private static ActionSpec action(String yaml) {
    return FaultFileLoader.parseYaml("faults: [{id: a, action: " + yaml + "}]").faults().get(0).action();
  }

  private static TriggerSpec trigger(String yaml) {
    return FaultFileLoader.parseYaml("faults: [{id: a, action: {type: hold-open}, trigger: " + yaml + "}]")
        .faults()
        .get(0)
        .trigger();
  }

  private static FaultFileException error(String yaml) {
    try {
      FaultFileLoader.parseYaml(yaml);
    } catch (FaultFileException e) {
      return e;
    }
    throw new AssertionError("no error for: " + yaml);
  }

  private static FaultFileException actionError(String yaml) {
    return error("faults: [{id: a, action: " + yaml + "}]");
  }

  @Nested
  class ExampleFile {
    private final Path example;

    ExampleFile() throws URISyntaxException {
      example = Path.of(Objects.requireNonNull(getClass().getResource("/faults-example.yaml")).toURI());
    }

    @Test
    void loadsWithOneFaultOfEachFamily() throws IOException {
      FaultFile file = FaultFileLoader.load(example);
      assertThat(file.seed()).isEqualTo(42L);
      assertThat(file.faults())
          .extracting(FaultSpec::id)
          .containsExactly("slow-reads", "busy-writes", "noisy-line", "flaky-gateway");
      assertThat(file.faults().get(0))
          .isEqualTo(
              new FaultSpec(
                  "slow-reads",
                  new ActionSpec.Delay(Duration.ofMillis(200), Duration.ofMillis(50)),
                  TriggerSpec.builder().functionCodes(3).probability(0.5).build(),
                  Scope.SERVER));
      assertThat(file.faults().get(1).action())
          .isEqualTo(new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY));
      assertThat(file.faults().get(1).trigger().addresses()).isEqualTo(new AddressRange(100, 199));
      assertThat(file.faults().get(2).action()).isEqualTo(new ActionSpec.CorruptCrc(CrcCorruption.XOR, 0xFF));
      assertThat(file.faults().get(3).action()).isEqualTo(new ActionSpec.ResetAfterPartial(new Cut.Percent(50)));
      assertThat(file.faults().get(3).scope()).isEqualTo(Scope.CONNECTION);
    }

    @Test
    void newPipelineUsesTheFilesSeed() throws IOException {
      FaultPipeline p = FaultFileLoader.load(example).newPipeline(7);
      assertThat(p.seed()).isEqualTo(42);
      assertThat(p.faults()).hasSize(4);
      assertThat(FaultFileLoader.parseYaml("faults: []").newPipeline(7).seed()).isEqualTo(7);
    }
  }

  @Test
  void jsonFilesLoadByExtension(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("faults.json");
    Files.writeString(
        json,
        """
        {"faults": [{"id": "late", "action": {"type": "late-response", "after": "5s"},
                     "trigger": {"unitIds": 3, "maxActivations": 2}, "scope": "unit"}]}
        """);
    FaultSpec f = FaultFileLoader.load(json).faults().get(0);
    assertThat(f)
        .isEqualTo(
            new FaultSpec(
                "late",
                new ActionSpec.LateResponse(Duration.ofSeconds(5)),
                TriggerSpec.builder().unitIds(3).maxActivations(2).build(),
                Scope.UNIT));
  }

  @Nested
  class EveryActionType {
    @Test
    void responseActions() {
      assertThat(action("{type: delay, base: 1.5s}")).isEqualTo(new ActionSpec.Delay(Duration.ofMillis(1500), Duration.ZERO));
      assertThat(action("{type: delay, jitter: 250us}"))
          .isEqualTo(new ActionSpec.Delay(Duration.ZERO, Duration.ofNanos(250_000)));
      assertThat(action("{type: delay, base: 20}")).isEqualTo(new ActionSpec.Delay(Duration.ofMillis(20), Duration.ZERO));
      assertThat(action("{type: delay, base: PT0.2S}"))
          .isEqualTo(new ActionSpec.Delay(Duration.ofMillis(200), Duration.ZERO));
      assertThat(action("{type: no-response}")).isEqualTo(new ActionSpec.NoResponse(false));
      assertThat(action("{type: no-response, execute: true}")).isEqualTo(new ActionSpec.NoResponse(true));
      assertThat(action("{type: late-response, after: 2m}"))
          .isEqualTo(new ActionSpec.LateResponse(Duration.ofMinutes(2)));
      assertThat(action("{type: exception, code: 6}"))
          .isEqualTo(new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY));
      assertThat(action("{type: exception, code: \"0x0B\"}"))
          .isEqualTo(new ActionSpec.RespondWithException(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND));
      assertThat(action("{type: exception, code: gateway_path_unavailable}"))
          .isEqualTo(new ActionSpec.RespondWithException(ExceptionCode.GATEWAY_PATH_UNAVAILABLE));
      assertThat(action("{type: duplicate}")).isEqualTo(new ActionSpec.DuplicateResponse(1, Duration.ZERO));
      assertThat(action("{type: duplicate, copies: 3, gap: 10ms}"))
          .isEqualTo(new ActionSpec.DuplicateResponse(3, Duration.ofMillis(10)));
      assertThat(action("{type: raw, bytes: \"00 01 00 00 00 03 01 83 02\"}"))
          .isEqualTo(new ActionSpec.RawResponse(new byte[] {0, 1, 0, 0, 0, 3, 1, (byte) 0x83, 2}));
      assertThat(action("{type: raw, bytes: [1, 0xFF]}")).isEqualTo(new ActionSpec.RawResponse(new byte[] {1, -1}));
    }

    @Test
    void wrongFields() {
      assertThat(action("{type: wrong-transaction-id}"))
          .isEqualTo(new ActionSpec.WrongTransactionId(new FieldOverride.Offset(1)));
      assertThat(action("{type: wrong-transaction-id, mode: fixed, value: 7}"))
          .isEqualTo(new ActionSpec.WrongTransactionId(new FieldOverride.Fixed(7)));
      assertThat(action("{type: wrong-transaction-id, mode: random}"))
          .isEqualTo(new ActionSpec.WrongTransactionId(new FieldOverride.Random()));
      assertThat(action("{type: wrong-transaction-id, mode: swap}"))
          .isEqualTo(new ActionSpec.WrongTransactionId(new FieldOverride.ByteSwap()));
      assertThat(action("{type: wrong-unit-id, mode: offset, value: -1}"))
          .isEqualTo(new ActionSpec.WrongUnitId(new FieldOverride.Offset(-1)));
      assertThat(action("{type: wrong-function-code, mode: fixed, value: 0x83}"))
          .isEqualTo(new ActionSpec.WrongFunctionCode(new FieldOverride.Fixed(0x83)));
      assertThat(action("{type: wrong-byte-count, value: 2}"))
          .isEqualTo(new ActionSpec.WrongByteCount(new FieldOverride.Offset(2)));
      assertThat(action("{type: wrong-mbap-length, mode: fixed, value: 0}"))
          .isEqualTo(new ActionSpec.WrongMbapLength(new FieldOverride.Fixed(0)));
    }

    @Test
    void lengthsAndSplits() {
      assertThat(action("{type: truncate}")).isEqualTo(new ActionSpec.Truncate(Cut.HALF));
      assertThat(action("{type: truncate, bytes: 3}")).isEqualTo(new ActionSpec.Truncate(new Cut.Bytes(3)));
      assertThat(action("{type: truncate, percent: 25}")).isEqualTo(new ActionSpec.Truncate(new Cut.Percent(25)));
      assertThat(action("{type: truncate, headerOnly: true}")).isEqualTo(new ActionSpec.Truncate(new Cut.HeaderOnly()));
      assertThat(action("{type: extra-bytes, bytes: \"DEAD\"}"))
          .isEqualTo(new ActionSpec.ExtraBytes(new ByteSource.Given(new byte[] {(byte) 0xDE, (byte) 0xAD})));
      assertThat(action("{type: extra-bytes, random: 4}"))
          .isEqualTo(new ActionSpec.ExtraBytes(new ByteSource.RandomBytes(4)));
      assertThat(action("{type: extra-bytes, repeatLast: 2}"))
          .isEqualTo(new ActionSpec.ExtraBytes(new ByteSource.RepeatLast(2)));
      assertThat(action("{type: split, at: [3, 7], gap: 5ms}"))
          .isEqualTo(new ActionSpec.SplitResponse(List.of(3, 7), 0, Duration.ofMillis(5)));
      assertThat(action("{type: split, parts: 4}")).isEqualTo(ActionSpec.SplitResponse.intoParts(4, Duration.ZERO));
    }

    @Test
    void rtuActions() {
      assertThat(action("{type: corrupt-crc}")).isEqualTo(ActionSpec.CorruptCrc.of(CrcCorruption.INVERT));
      assertThat(action("{type: corrupt-crc, mode: ZERO}")).isEqualTo(ActionSpec.CorruptCrc.of(CrcCorruption.ZERO));
      assertThat(action("{type: partial-frame, bytes: 4, restAfter: 10ms}"))
          .isEqualTo(new ActionSpec.PartialFrame(new Cut.Bytes(4), Duration.ofMillis(10)));
      assertThat(action("{type: inter-character-gap, position: 3}"))
          .isEqualTo(new ActionSpec.InterCharacterGap(3, 2.0));
      assertThat(action("{type: inter-character-gap, position: 3, characters: 4.5}"))
          .isEqualTo(new ActionSpec.InterCharacterGap(3, 4.5));
      assertThat(action("{type: inter-frame-violation}")).isEqualTo(new ActionSpec.InterFrameViolation(1.0));
      assertThat(action("{type: garbage, random: 3}"))
          .isEqualTo(new ActionSpec.Garbage(GarbagePlacement.BEFORE, new ByteSource.RandomBytes(3), Duration.ZERO));
      assertThat(action("{type: garbage, where: both, bytes: [0], gap: 2ms}"))
          .isEqualTo(
              new ActionSpec.Garbage(
                  GarbagePlacement.BOTH, new ByteSource.Given(new byte[] {0}), Duration.ofMillis(2)));
      assertThat(action("{type: byte-jitter, max: 3ms}")).isEqualTo(new ActionSpec.ByteJitter(Duration.ofMillis(3)));
    }

    @Test
    void connectionActions() {
      assertThat(action("{type: close}")).isEqualTo(new ActionSpec.CloseConnection(CloseMode.FIN, 0, null, true));
      assertThat(action("{type: close, mode: rst, afterRequests: 10, every: 30s, respond: false}"))
          .isEqualTo(new ActionSpec.CloseConnection(CloseMode.RST, 10, Duration.ofSeconds(30), false));
      assertThat(action("{type: drop-mid-frame, bytes: 5}")).isEqualTo(new ActionSpec.DropMidFrame(new Cut.Bytes(5)));
      assertThat(action("{type: reset-after-partial}")).isEqualTo(new ActionSpec.ResetAfterPartial(Cut.HALF));
      assertThat(action("{type: hold-open}")).isEqualTo(new ActionSpec.HoldOpen());
      assertThat(action("{type: idle-close, after: 60s, mode: rst}"))
          .isEqualTo(new ActionSpec.IdleClose(Duration.ofSeconds(60), CloseMode.RST));
      assertThat(action("{type: connection-limit, max: 4}"))
          .isEqualTo(new ActionSpec.ConnectionLimit(4, ConnectDecision.REFUSE));
      assertThat(action("{type: connection-limit, max: 4, policy: evict-oldest}"))
          .isEqualTo(new ActionSpec.ConnectionLimit(4, ConnectDecision.EVICT_OLDEST));
      assertThat(action("{type: one-request-at-a-time}")).isEqualTo(new ActionSpec.OneRequestAtATime());
    }
  }

  @Test
  void triggerFields() {
    assertThat(
            trigger(
                "{unitIds: [1, 2], functionCodes: [3, write-multiple-registers], addresses: {first: 5, last: 9},"
                    + " remoteAddresses: 10.0.0.0/8, probability: 0.25, everyNth: 3, skipFirst: 2,"
                    + " maxActivations: 10, from: '2030-01-01T00:00:00Z', until: '2030-01-02T00:00:00+01:00',"
                    + " startAfter: 1s, activeFor: 1h}"))
        .isEqualTo(
            new TriggerSpec(
                Set.of(1, 2),
                Set.of(3, 16),
                new AddressRange(5, 9),
                List.of("10.0.0.0/8"),
                0.25,
                3,
                2,
                10,
                Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2030-01-01T23:00:00Z"),
                Duration.ofSeconds(1),
                Duration.ofHours(1)));
    assertThat(trigger("{addresses: 40}").addresses()).isEqualTo(new AddressRange(40, 40));
    assertThat(trigger("{addresses: '0-99'}").addresses()).isEqualTo(new AddressRange(0, 99));
    assertThat(trigger("{functionCodes: \"0x10\"}").functionCodes()).containsExactly(16);
  }

  @Test
  void scopeDefaultsToServer() {
    FaultSpec f = FaultFileLoader.parseYaml("faults: [{id: a, action: {type: hold-open}}]").faults().get(0);
    assertThat(f.scope()).isEqualTo(Scope.SERVER);
    assertThat(f.trigger()).isEqualTo(TriggerSpec.ALWAYS);
  }

  @Nested
  class Errors {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            not yaml                  | 'faults: [{id: a'                                                  | ''                           | not valid YAML
            empty                     | ''                                                                 | ''                           | empty
            not an object             | '[1, 2]'                                                           | ''                           | expected an object
            no faults                 | 'seed: 1'                                                          | faults                       | missing
            faults not a list         | 'faults: 3'                                                        | faults                       | expected a list
            unknown top-level field   | '{faults: [], fualts: []}'                                         | fualts                       | unknown field
            bad seed                  | '{seed: abc, faults: []}'                                          | seed                         | expected an integer
            missing id                | 'faults: [{action: {type: hold-open}}]'                            | faults[0].id                 | missing
            empty id                  | 'faults: [{id: " ", action: {type: hold-open}}]'                   | faults[0].id                 | empty
            missing action            | 'faults: [{id: a}]'                                                | faults[0].action             | missing
            action not an object      | 'faults: [{id: a, action: delay}]'                                 | faults[0].action             | expected an object
            missing type              | 'faults: [{id: a, action: {base: 1s}}]'                            | faults[0].action.type        | missing
            unknown type              | 'faults: [{id: a, action: {type: explode}}]'                       | faults[0].action.type        | unknown action type 'explode'
            unknown action field      | 'faults: [{id: a, action: {type: delay, bse: 1s}}]'                | faults[0].action.bse         | unknown field 'bse' for action type delay
            field on fieldless type   | 'faults: [{id: a, action: {type: hold-open, x: 1}}]'               | faults[0].action.x           | has no fields
            bad duration              | 'faults: [{id: a, action: {type: delay, base: 200 parsecs}}]'      | faults[0].action.base        | not a duration
            negative duration         | 'faults: [{id: a, action: {type: delay, base: -5}}]'               | faults[0].action.base        | negative
            duration without unit     | 'faults: [{id: a, action: {type: delay, base: "200"}}]'            | faults[0].action.base        | not a duration
            late response zero        | 'faults: [{id: a, action: {type: late-response, after: 0ms}}]'     | faults[0].action             | after
            bad exception code        | 'faults: [{id: a, action: {type: exception, code: 9}}]'            | faults[0].action.code        | exception code 9
            bad exception name        | 'faults: [{id: a, action: {type: exception, code: oops}}]'         | faults[0].action.code        | unknown value 'oops'
            copies out of range       | 'faults: [{id: a, action: {type: duplicate, copies: 99}}]'         | faults[0].action             | copies 99
            fixed without value       | 'faults: [{id: a, action: {type: wrong-unit-id, mode: fixed}}]'    | faults[0].action.value       | missing
            unit id too large         | 'faults: [{id: a, action: {type: wrong-unit-id, mode: fixed, value: 300}}]' | faults[0].action | 300
            swap on 8-bit field       | 'faults: [{id: a, action: {type: wrong-unit-id, mode: swap}}]'     | faults[0].action             | swap
            unknown override mode     | 'faults: [{id: a, action: {type: wrong-unit-id, mode: wild}}]'     | faults[0].action.mode        | unknown value 'wild'
            two cuts                  | 'faults: [{id: a, action: {type: truncate, bytes: 1, percent: 2}}]' | faults[0].action            | at most one
            percent out of range      | 'faults: [{id: a, action: {type: truncate, percent: 100}}]'        | faults[0].action.percent     | percent 100
            extra without source      | 'faults: [{id: a, action: {type: extra-bytes}}]'                   | faults[0].action             | exactly one
            bad hex bytes             | 'faults: [{id: a, action: {type: raw, bytes: "XYZ"}}]'             | faults[0].action.bytes       | not a hex byte string
            byte out of range         | 'faults: [{id: a, action: {type: raw, bytes: [1, 256]}}]'          | faults[0].action.bytes[1]    | 256
            split with both           | 'faults: [{id: a, action: {type: split, at: [1], parts: 2}}]'      | faults[0].action             | exactly one
            gap too short             | 'faults: [{id: a, action: {type: inter-character-gap, position: 2, characters: 1.0}}]' | faults[0].action | > 1.5
            bad crc mode              | 'faults: [{id: a, action: {type: corrupt-crc, mode: scramble}}]'   | faults[0].action.mode        | zero, invert, xor, swap
            bad close mode            | 'faults: [{id: a, action: {type: close, mode: slam}}]'             | faults[0].action.mode        | fin, rst
            bad policy                | 'faults: [{id: a, action: {type: connection-limit, max: 1, policy: accept}}]' | faults[0].action | policy
            boolean expected          | 'faults: [{id: a, action: {type: no-response, execute: 1}}]'       | faults[0].action.execute     | true or false
            bad scope                 | 'faults: [{id: a, action: {type: hold-open}, scope: galaxy}]'      | faults[0].scope              | server, unit, connection
            unknown fault field       | 'faults: [{id: a, action: {type: hold-open}, trigers: {}}]'        | faults[0].trigers            | unknown field
            unknown trigger field     | 'faults: [{id: a, action: {type: hold-open}, trigger: {unitId: 1}}]' | faults[0].trigger.unitId   | unknown field 'unitId'
            probability too high      | 'faults: [{id: a, action: {type: hold-open}, trigger: {probability: 1.5}}]' | faults[0].trigger.probability | between 0 and 1
            everyNth zero             | 'faults: [{id: a, action: {type: hold-open}, trigger: {everyNth: 0}}]' | faults[0].trigger.everyNth | >= 1
            unit id out of range      | 'faults: [{id: a, action: {type: hold-open}, trigger: {unitIds: [1, 999]}}]' | faults[0].trigger.unitIds[1] | 999
            bad function code name    | 'faults: [{id: a, action: {type: hold-open}, trigger: {functionCodes: [read-stuff]}}]' | faults[0].trigger.functionCodes[0] | read-stuff
            bad address range         | 'faults: [{id: a, action: {type: hold-open}, trigger: {addresses: 9-1}}]' | faults[0].trigger.addresses | last 1
            bad remote address        | 'faults: [{id: a, action: {type: hold-open}, trigger: {remoteAddresses: [plc.local]}}]' | faults[0].trigger.remoteAddresses[0] | plc.local
            bad instant               | 'faults: [{id: a, action: {type: hold-open}, trigger: {from: yesterday}}]' | faults[0].trigger.from   | ISO-8601
            window backwards          | 'faults: [{id: a, action: {type: hold-open}, trigger: {from: "2030-01-02T00:00:00Z", until: "2030-01-01T00:00:00Z"}}]' | faults[0].trigger.until | must be after
            limit with unit filter    | 'faults: [{id: a, action: {type: connection-limit, max: 1}, trigger: {unitIds: [1]}}]' | faults[0].trigger | cannot apply
            idle close per connection | 'faults: [{id: a, action: {type: idle-close, after: 1s}, scope: connection}]' | faults[0].scope   | scope server
            duplicate ids             | 'faults: [{id: a, action: {type: hold-open}}, {id: a, action: {type: hold-open}}]' | faults[1].id | duplicate id 'a'
            duplicate keys            | '{faults: [], faults: []}'                                         | ''                           | Duplicate field
            """)
    void namesTheBadField(String name, String yaml, String field, String message) {
      FaultFileException e = error(yaml);
      assertThat(e.field()).as(name).isEqualTo(field);
      assertThat(e.getMessage()).as(name).contains(message);
      if (!field.isEmpty()) {
        assertThat(e.getMessage()).as(name).startsWith(field + ": ");
      }
    }

    @Test
    void yamlSyntaxErrorsGiveTheLine() {
      FaultFileException e = error("faults:\n  - id: a\n    action: {type: delay\n");
      assertThat(e.getMessage()).containsPattern("line \\d+, column \\d+");
    }

    @Test
    void jsonSyntaxErrors() {
      assertThatThrownBy(() -> FaultFileLoader.parseJson("{\"faults\": [}"))
          .isInstanceOf(FaultFileException.class)
          .hasMessageContaining("not valid JSON");
    }

    @Test
    void missingFileIsAnIoError(@TempDir Path dir) {
      assertThatThrownBy(() -> FaultFileLoader.load(dir.resolve("nope.yaml"))).isInstanceOf(IOException.class);
    }

    @Test
    void actionErrorsKeepTheCause() {
      FaultFileException e = actionError("{type: duplicate, copies: 0}");
      assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
