package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.ascii;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.bytes;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestRejected;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestRejectedAnyValue;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestVector;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseRejected;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseRejectedAnyValue;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseVector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.HexSpecVectorsSupport.Framing;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec V1.1b3 §6.19-6.21: Encapsulated Interface Transport, MEI 0x0E Read Device Identification and MEI 0x0D
 * CANopen General Reference.
 *
 * <p>The spec's §6.21 example tables print object lengths 0x0D for "Product code XX" and 0x1C for
 * "Product code XXXXXXXXXXXXXXXX" and a "Number of objects" of 3 in both transactions of the split example; those
 * do not match the values shown. The vectors below keep the spec's values and make every length and count agree
 * with them (0x0F, 0x1D, 2 and 1 objects).
 */
class DeviceIdentificationSpecVectorsTest {

  private static final DeviceIdObject VENDOR = new DeviceIdObject(0x00, ascii("Company identification"));
  private static final DeviceIdObject PRODUCT_CODE = new DeviceIdObject(0x01, ascii("Product code XX"));
  private static final DeviceIdObject REVISION = new DeviceIdObject(0x02, ascii("V2.11"));

  private static final String VENDOR_WIRE = "00 16 'Company identification'";
  private static final String PRODUCT_CODE_WIRE = "01 0F 'Product code XX'";
  private static final String REVISION_WIRE = "02 05 'V2.11'";

  // ---- Basic, stream access, everything in one response (§6.21 first example) ----------------------------------

  @Test
  void basicRequestSpecExample() {
    requestVector("2B 0E 01 00", new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC, 0x00));
  }

  @Test
  void basicResponseSpecExample() {
    // Conformity level 01 (basic, stream only), more follows 00, next object id 00, three objects.
    ReadDeviceIdentificationResponse expected =
        new ReadDeviceIdentificationResponse(
            ReadDeviceIdCode.BASIC, 0x01, false, 0x00, List.of(VENDOR, PRODUCT_CODE, REVISION));
    responseVector("2B 0E 01 01 00 00 03 " + VENDOR_WIRE + " " + PRODUCT_CODE_WIRE + " " + REVISION_WIRE, expected);
    assertThat(expected.functionCode()).isEqualTo(0x2B);
  }

  // ---- Basic, split over two transactions (§6.21 second example) ------------------------------------------------

  @Test
  void moreFollowsFirstTransaction() {
    requestVector("2B 0E 01 00", new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC, 0x00));
    ReadDeviceIdentificationResponse expected =
        new ReadDeviceIdentificationResponse(
            ReadDeviceIdCode.BASIC,
            0x01,
            true,
            0x02,
            List.of(VENDOR, new DeviceIdObject(0x01, ascii("Product code XXXXXXXXXXXXXXXX"))));
    // More follows FF, next object id 02.
    responseVector("2B 0E 01 01 FF 02 02 " + VENDOR_WIRE + " 01 1D 'Product code XXXXXXXXXXXXXXXX'", expected);
    assertThat(expected.moreFollows()).isTrue();
    assertThat(expected.nextObjectId()).isEqualTo(2);
  }

  @Test
  void moreFollowsSecondTransaction() {
    // The client asks again from the next object id the server gave.
    requestVector("2B 0E 01 02", new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC, 0x02));
    ReadDeviceIdentificationResponse expected =
        new ReadDeviceIdentificationResponse(ReadDeviceIdCode.BASIC, 0x01, false, 0x00, List.of(REVISION));
    responseVector("2B 0E 01 01 00 00 01 " + REVISION_WIRE, expected);
  }

  // ---- Regular, extended, specific (field layout of §6.21) ------------------------------------------------------

  @Test
  void regularStreamAccess() {
    requestVector("2B 0E 02 00", new ReadDeviceIdentificationRequest(ReadDeviceIdCode.REGULAR, 0x00));
    ReadDeviceIdentificationResponse expected =
        new ReadDeviceIdentificationResponse(
            ReadDeviceIdCode.REGULAR,
            0x02,
            false,
            0x00,
            List.of(
                VENDOR,
                PRODUCT_CODE,
                REVISION,
                new DeviceIdObject(0x03, ascii("www.example.com")),
                new DeviceIdObject(0x04, ascii("Pump controller")),
                new DeviceIdObject(0x05, ascii("PC-100")),
                new DeviceIdObject(0x06, ascii("Line 3"))));
    responseVector(
        "2B 0E 02 02 00 00 07 "
            + VENDOR_WIRE
            + " "
            + PRODUCT_CODE_WIRE
            + " "
            + REVISION_WIRE
            + " 03 0F 'www.example.com' 04 0F 'Pump controller' 05 06 'PC-100' 06 06 'Line 3'",
        expected);
  }

  @Test
  void extendedStreamAccessFromPrivateObjects() {
    // Extended objects 0x80..0xFF are device dependent; 0x81 here is binary, not text.
    requestVector("2B 0E 03 80", new ReadDeviceIdentificationRequest(ReadDeviceIdCode.EXTENDED, 0x80));
    ReadDeviceIdentificationResponse expected =
        new ReadDeviceIdentificationResponse(
            ReadDeviceIdCode.EXTENDED,
            0x83,
            false,
            0x00,
            List.of(new DeviceIdObject(0x80, ascii("SN-0042")), new DeviceIdObject(0x81, bytes(0x01, 0x02, 0x03))));
    responseVector("2B 0E 03 83 00 00 02 80 07 'SN-0042' 81 03 01 02 03", expected);
  }

  @Test
  void specificIndividualAccess() {
    requestVector("2B 0E 04 01", new ReadDeviceIdentificationRequest(ReadDeviceIdCode.SPECIFIC, 0x01));
    // Individual access: one object, more follows 00, next object id 00; conformity 81 = basic with individual access.
    ReadDeviceIdentificationResponse expected =
        new ReadDeviceIdentificationResponse(ReadDeviceIdCode.SPECIFIC, 0x81, false, 0x00, List.of(PRODUCT_CODE));
    responseVector("2B 0E 04 81 00 00 01 " + PRODUCT_CODE_WIRE, expected);
  }

  @Test
  void readDeviceIdCodesAreTheSpecCodes() {
    assertThat(ReadDeviceIdCode.values()).extracting(ReadDeviceIdCode::code).containsExactly(1, 2, 3, 4);
    assertThat(ReadDeviceIdCode.of(0)).isEmpty();
    assertThat(ReadDeviceIdCode.of(5)).isEmpty();
  }

  @Test
  void readDeviceIdentificationException() {
    // §6.21: an object id that does not exist in individual access is answered with 02.
    responseVector("AB 02", new ExceptionResponse(0x2B, ExceptionCode.ILLEGAL_DATA_ADDRESS));
  }

  @Test
  void readDeviceIdCode5Rejected() {
    requestRejected("2B 0E 05 00", PduViolation.ILLEGAL_VALUE, 5, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readDeviceIdCode0Rejected() {
    requestRejected("2B 0E 00 00", PduViolation.ILLEGAL_VALUE, 0, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void meiTypeOtherThan0Dor0ERejected() {
    requestRejected("2B 0F 01 00", PduViolation.UNSUPPORTED_SUB_FUNCTION, 0x0F, ExceptionCode.ILLEGAL_FUNCTION);
  }

  @Test
  void readDeviceIdentificationTruncatedRejected() {
    requestRejectedAnyValue("2B 0E 01", PduViolation.TRUNCATED, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readDeviceIdentificationTrailingByteRejected() {
    requestRejected("2B 0E 01 00 00", PduViolation.TRAILING_BYTES, 1, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void responseMoreFollowsOtherThan00OrFFRejected() {
    responseRejected("2B 0E 01 01 01 02 01 00 01 'A'", PduViolation.ILLEGAL_VALUE, 0x01, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void responseWithFewerObjectsThanAnnouncedRejected() {
    // Number of objects 03 but only the vendor name follows.
    responseRejectedAnyValue("2B 0E 01 01 00 00 03 " + VENDOR_WIRE, PduViolation.TRUNCATED, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- MEI 0x0D CANopen General Reference (§6.20): opaque pass-through ------------------------------------------

  @Test
  void canOpenGeneralReferenceRequestIsOpaque() {
    // The payload belongs to CiA DS 309-2; the PDU layer carries it untouched.
    EncapsulatedInterfaceRequest expected = new EncapsulatedInterfaceRequest(0x0D, bytes(0x01, 0x00, 0x10, 0x18, 0x00));
    requestVector("2B 0D 01 00 10 18 00", expected, Framing.OPAQUE);
    assertThat(expected.meiType()).isEqualTo(0x0D);
  }

  @Test
  void canOpenGeneralReferenceResponseIsOpaque() {
    EncapsulatedInterfaceResponse expected =
        new EncapsulatedInterfaceResponse(0x0D, bytes(0x01, 0x00, 0x10, 0x18, 0x00, 0x04, 0x00, 0x00, 0x00));
    responseVector("2B 0D 01 00 10 18 00 04 00 00 00", expected, Framing.OPAQUE);
  }

  @Test
  void canOpenGeneralReferenceException() {
    responseVector("AB 01", new ExceptionResponse(0x2B, ExceptionCode.ILLEGAL_FUNCTION));
  }

  @Test
  void longestSingleObjectAccepted() {
    // 8 header bytes + 1 id + 1 length + 243 value bytes = 253; the object value limit of 245 binds only
    // together with the PDU limit.
    byte[] value = new byte[243];
    java.util.Arrays.fill(value, (byte) 'A');
    responseVector(
        "2B 0E 04 81 00 00 01 00 F3" + " 41".repeat(243),
        new ReadDeviceIdentificationResponse(
            ReadDeviceIdCode.SPECIFIC, 0x81, false, 0, List.of(new DeviceIdObject(0x00, value))));
  }

  @Test
  void responseBeyondPduLimitRejected() {
    HexSpecVectorsSupport.responseRejectedAsOneOf(
        "2B 0E 04 81 00 00 01 00 F5" + " 41".repeat(245),
        ExceptionCode.ILLEGAL_DATA_VALUE,
        PduViolation.QUANTITY_OUT_OF_RANGE,
        PduViolation.BYTE_COUNT_MISMATCH);
  }

  @Test
  void responseReadDeviceIdCode5Rejected() {
    responseRejected("2B 0E 05 01 00 00 00", PduViolation.ILLEGAL_VALUE, 5, ExceptionCode.ILLEGAL_DATA_VALUE);
  }
}
