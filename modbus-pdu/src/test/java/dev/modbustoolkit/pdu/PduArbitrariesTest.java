package dev.modbustoolkit.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Guards the generator domain: a type left out of PduArbitraries would silently weaken every property. */
class PduArbitrariesTest {

  @Test
  void requestsCoverEveryRequestRecord() {
    Set<Class<?>> seen = PduArbitraries.requests().sampleStream().limit(3000).map(Object::getClass)
        .collect(Collectors.toSet());
    assertThat(seen).containsExactlyInAnyOrder(ModbusRequest.class.getPermittedSubclasses());
  }

  @Test
  void responsesCoverEveryResponseRecord() {
    Set<Class<?>> seen = PduArbitraries.responses().sampleStream().limit(3000).map(Object::getClass)
        .collect(Collectors.toSet());
    assertThat(seen).containsExactlyInAnyOrder(ModbusResponse.class.getPermittedSubclasses());
  }

  @Test
  void everyPublicFunctionCodeIsGeneratedBothWays() {
    Set<Integer> requestCodes = PduArbitraries.requests().sampleStream().limit(3000).map(ModbusPdu::functionCode)
        .collect(Collectors.toSet());
    Set<Integer> responseCodes = PduArbitraries.responses().sampleStream().limit(3000)
        .filter(r -> !(r instanceof ExceptionResponse)).map(ModbusPdu::functionCode).collect(Collectors.toSet());
    Integer[] publicCodes = Arrays.stream(FunctionCode.values()).map(FunctionCode::code).toArray(Integer[]::new);
    assertThat(requestCodes).contains(publicCodes);
    assertThat(responseCodes).contains(publicCodes);
  }
}
