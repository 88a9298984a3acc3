package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.LimitAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quantity limits and the 16-bit address space for every record made of a starting address and a quantity (or
 * an array whose length is the quantity): quantity is checked first (03), then the address range (02).
 */
class AddressQuantityLimitsTest {

  /** Builds a PDU from address and quantity, and reads them back. */
  interface Shape {
    ModbusPdu make(int address, int quantity);
  }

  record Case(String name, Shape shape, int max, ReadBack address, ReadBack quantity) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface ReadBack {
    int of(ModbusPdu pdu);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("FC01 request", ReadCoilsRequest::new, 2000,
            p -> ((ReadCoilsRequest) p).address(), p -> ((ReadCoilsRequest) p).quantity()),
        new Case("FC02 request", ReadDiscreteInputsRequest::new, 2000,
            p -> ((ReadDiscreteInputsRequest) p).address(), p -> ((ReadDiscreteInputsRequest) p).quantity()),
        new Case("FC03 request", ReadHoldingRegistersRequest::new, 125,
            p -> ((ReadHoldingRegistersRequest) p).address(), p -> ((ReadHoldingRegistersRequest) p).quantity()),
        new Case("FC04 request", ReadInputRegistersRequest::new, 125,
            p -> ((ReadInputRegistersRequest) p).address(), p -> ((ReadInputRegistersRequest) p).quantity()),
        new Case("FC0F request", (a, q) -> new WriteMultipleCoilsRequest(a, new boolean[q]), 1968,
            p -> ((WriteMultipleCoilsRequest) p).address(), p -> ((WriteMultipleCoilsRequest) p).quantity()),
        new Case("FC10 request", (a, q) -> new WriteMultipleRegistersRequest(a, new short[q]), 123,
            p -> ((WriteMultipleRegistersRequest) p).address(), p -> ((WriteMultipleRegistersRequest) p).quantity()),
        new Case("FC17 request, read part",
            (a, q) -> new ReadWriteMultipleRegistersRequest(a, q, 0, new short[1]), 125,
            p -> ((ReadWriteMultipleRegistersRequest) p).readAddress(),
            p -> ((ReadWriteMultipleRegistersRequest) p).readQuantity()),
        new Case("FC17 request, write part",
            (a, q) -> new ReadWriteMultipleRegistersRequest(0, 1, a, new short[q]), 121,
            p -> ((ReadWriteMultipleRegistersRequest) p).writeAddress(),
            p -> ((ReadWriteMultipleRegistersRequest) p).writeQuantity()),
        new Case("FC0F response", WriteMultipleCoilsResponse::new, 1968,
            p -> ((WriteMultipleCoilsResponse) p).address(), p -> ((WriteMultipleCoilsResponse) p).quantity()),
        new Case("FC10 response", WriteMultipleRegistersResponse::new, 123,
            p -> ((WriteMultipleRegistersResponse) p).address(), p -> ((WriteMultipleRegistersResponse) p).quantity()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void quantityZeroRejected(Case c) {
    assertRejected(() -> c.shape().make(0, 0), PduViolation.QUANTITY_OUT_OF_RANGE, 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void quantityOneAccepted(Case c) {
    ModbusPdu pdu = c.shape().make(7, 1);
    assertThat(c.quantity().of(pdu)).isEqualTo(1);
    assertThat(c.address().of(pdu)).isEqualTo(7);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void quantityMaxAccepted(Case c) {
    assertThat(c.quantity().of(c.shape().make(0, c.max()))).isEqualTo(c.max());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void quantityMaxPlusOneRejected(Case c) {
    assertRejected(() -> c.shape().make(0, c.max() + 1), PduViolation.QUANTITY_OUT_OF_RANGE, c.max() + 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rangeEndingAt65536Accepted(Case c) {
    int address = 65536 - c.max();
    ModbusPdu pdu = c.shape().make(address, c.max());
    assertThat(c.address().of(pdu)).isEqualTo(address);
    assertThat(c.address().of(c.shape().make(65535, 1))).isEqualTo(65535);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rangeEndingAt65537Rejected(Case c) {
    assertRejected(() -> c.shape().make(65537 - c.max(), c.max()), PduViolation.ADDRESS_OUT_OF_RANGE, 65537);
    assertRejected(() -> c.shape().make(65535, 2), PduViolation.ADDRESS_OUT_OF_RANGE, 65537);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void addressOutside16BitsRejected(Case c) {
    assertRejected(() -> c.shape().make(-1, 1), PduViolation.ADDRESS_OUT_OF_RANGE, -1);
    assertRejected(() -> c.shape().make(65536, 1), PduViolation.ADDRESS_OUT_OF_RANGE, 65536);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void quantityIsCheckedBeforeAddress(Case c) {
    // Spec state diagrams: exception 03 (quantity) wins over 02 (address).
    assertRejected(() -> c.shape().make(70000, c.max() + 1), PduViolation.QUANTITY_OUT_OF_RANGE, c.max() + 1);
  }
}
