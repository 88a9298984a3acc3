package dev.modbustoolkit.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records with array or list components: defensive copies, content equality, hex toString, indexed access. */
class RecordValueSemanticsTest {

  @Test
  void registerArraysAreCopiedInAndOut() {
    short[] values = {1, 2, 3};
    ReadHoldingRegistersResponse r = new ReadHoldingRegistersResponse(values);
    values[0] = 99;
    assertThat(r.value(0)).isEqualTo(1);
    r.values()[1] = 99;
    assertThat(r.value(1)).isEqualTo(2);
  }

  @Test
  void byteArraysAreCopiedInAndOut() {
    byte[] data = {1, 2};
    UserDefinedRequest r = new UserDefinedRequest(65, data);
    data[0] = 9;
    r.data()[1] = 9;
    assertThat(r.data()).containsExactly(1, 2);
  }

  @Test
  void booleanArraysAreCopiedInAndOut() {
    boolean[] coils = {true, false};
    WriteMultipleCoilsRequest r = new WriteMultipleCoilsRequest(0, coils);
    coils[0] = false;
    r.values()[1] = true;
    assertThat(r.value(0)).isTrue();
    assertThat(r.value(1)).isFalse();
  }

  @Test
  void listsAreImmutableCopies() {
    List<FileRecordReference> refs = new ArrayList<>(List.of(new FileRecordReference(4, 1, 2)));
    ReadFileRecordRequest r = new ReadFileRecordRequest(refs);
    refs.add(new FileRecordReference(3, 9, 2));
    assertThat(r.references()).hasSize(1);
    assertThatThrownBy(() -> r.references().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void arrayComponentsCompareByContent() {
    assertThat(ReadInputRegistersResponse.of(1, 0xFFFF)).isEqualTo(ReadInputRegistersResponse.of(1, 0xFFFF))
        .hasSameHashCodeAs(ReadInputRegistersResponse.of(1, 0xFFFF))
        .isNotEqualTo(ReadInputRegistersResponse.of(1, 0xFFFE))
        .isNotEqualTo(ReadHoldingRegistersResponse.of(1, 0xFFFF));
    assertThat(new DiagnosticsRequest(0, new byte[] {1})).isEqualTo(new DiagnosticsRequest(0, new byte[] {1}))
        .isNotEqualTo(new DiagnosticsRequest(0, new byte[] {2}));
    assertThat(FileRecord.of(1, 2, 3)).isEqualTo(FileRecord.of(1, 2, 3)).isNotEqualTo(FileRecord.of(1, 3, 3));
    assertThat(new DeviceIdObject(1, new byte[] {65})).isEqualTo(DeviceIdObject.of(1, "A"));
    assertThat(new GetCommEventLogResponse(true, 1, 2, new byte[] {3}))
        .isEqualTo(new GetCommEventLogResponse(true, 1, 2, new byte[] {3}))
        .isNotEqualTo(new GetCommEventLogResponse(false, 1, 2, new byte[] {3}));
    assertThat(WriteMultipleCoilsRequest.of(5, true)).isEqualTo(WriteMultipleCoilsRequest.of(5, true))
        .isNotEqualTo(WriteMultipleCoilsRequest.of(6, true));
  }

  @Test
  void toStringShowsArraysInHex() {
    assertThat(ReadHoldingRegistersResponse.of(0x022B, 0xFFFF).toString()).contains("022B FFFF");
    assertThat(new ReadCoilsResponse(new byte[] {(byte) 0xCD, 0x6B}).toString()).contains("CD 6B");
    assertThat(new UserDefinedResponse(100, new byte[] {0x0A}).toString()).contains("functionCode=100", "0A");
    assertThat(WriteMultipleCoilsRequest.of(1, true, false, true).toString()).contains("101");
  }

  @Test
  void bitAccessorsReadLsbFirst() {
    ReadCoilsResponse r = ReadCoilsResponse.of(true, false, false, false, false, false, false, false, false, true);
    assertThat(r.coilStatus()).containsExactly(0x01, 0x02);
    assertThat(r.coil(0)).isTrue();
    assertThat(r.coil(9)).isTrue();
    assertThat(r.coil(8)).isFalse();
    assertThat(r.coils(10)).containsExactly(true, false, false, false, false, false, false, false, false, true);
    assertThatThrownBy(() -> r.coil(16)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> r.coils(17)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void registerAccessorsAreUnsigned() {
    assertThat(ReadWriteMultipleRegistersRequest.of(0, 1, 0, 0xFFFF).writeValue(0)).isEqualTo(0xFFFF);
    assertThat(WriteMultipleRegistersRequest.of(0, 0x8000).value(0)).isEqualTo(0x8000);
    assertThat(ReadFifoQueueResponse.of(0xFFFE).value(0)).isEqualTo(0xFFFE);
    assertThat(FileRecordData.of(0xABCD).value(0)).isEqualTo(0xABCD);
  }

  @Test
  void functionCodesOfRecordsAreTheWireBytes() {
    assertThat(new ReadExceptionStatusRequest().functionCode()).isEqualTo(0x07);
    assertThat(new GetCommEventCounterRequest().functionCode()).isEqualTo(0x0B);
    assertThat(new GetCommEventLogRequest().functionCode()).isEqualTo(0x0C);
    assertThat(new ReportServerIdRequest().functionCode()).isEqualTo(0x11);
    assertThat(new ExceptionResponse(0x03, ExceptionCode.ILLEGAL_DATA_VALUE).functionCode()).isEqualTo(0x03);
    assertThat(new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC, 0).functionCode()).isEqualTo(0x2B);
  }

  @Test
  void diagnosticsResponseHelpers() {
    DiagnosticsResponse r = DiagnosticsResponse.of(DiagnosticSubFunction.RETURN_BUS_MESSAGE_COUNT, 0x0108);
    assertThat(r.knownSubFunction()).contains(DiagnosticSubFunction.RETURN_BUS_MESSAGE_COUNT);
    assertThat(r.dataWord()).isEqualTo(0x0108);
    assertThat(new DiagnosticsResponse(0x99, new byte[3]).knownSubFunction()).isEmpty();
    assertThat(new DiagnosticsResponse(0x99, new byte[3]).dataWord()).isEqualTo(-1);
  }
}
