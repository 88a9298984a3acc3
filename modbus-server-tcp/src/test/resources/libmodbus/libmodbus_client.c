/*
 * Interoperability client for ModbusTcpServer tests: libmodbus (Debian's libmodbus-dev) talks to the server under
 * test. LibmodbusInteropIT compiles it with `cc libmodbus_client.c $(pkg-config --cflags --libs libmodbus)`.
 *
 * Usage: libmodbus_client HOST PORT
 * Prints one `name=value` line per operation; the Java test checks them and the device state.
 *
 * Every function code libmodbus 3.1 frames: its API for 01-06, 0F, 10, 11, 16, 17, and modbus_send_raw_request +
 * modbus_receive_confirmation for 07 (libmodbus reads a confirmation by its function code, and of the others only
 * 07 has a layout it knows: 08, 0B, 0C, 14, 15, 18 and 2B answers are read as function code + one byte, so those
 * are pymodbus's to test). Exceptions 02, 03 and 0B through the API and a raw request.
 */
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>

static int failures = 0;

static int ok(const char *name, int rc) {
    if (rc == -1) {
        printf("%s=error %d %s\n", name, errno, modbus_strerror(errno));
        failures++;
        return 0;
    }
    return 1;
}

static void bits_line(const char *name, const uint8_t *bits, int n) {
    printf("%s=", name);
    for (int i = 0; i < n; i++) {
        printf(i ? ",%d" : "%d", bits[i]);
    }
    printf("\n");
}

static void regs_line(const char *name, const uint16_t *regs, int n) {
    printf("%s=", name);
    for (int i = 0; i < n; i++) {
        printf(i ? ",%u" : "%u", regs[i]);
    }
    printf("\n");
}

/* The exception code libmodbus reports for the last call, or -1 for another error. */
static int exception_code(void) {
    return errno > MODBUS_ENOBASE && errno < MODBUS_ENOBASE + 0x0C ? errno - MODBUS_ENOBASE : -1;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
        return 64;
    }
    modbus_t *ctx = modbus_new_tcp(argv[1], atoi(argv[2]));
    if (ctx == NULL) {
        printf("new=failed %s\n", modbus_strerror(errno));
        return 2;
    }
    modbus_set_slave(ctx, 1);
    modbus_set_response_timeout(ctx, 5, 0);
    if (modbus_connect(ctx) == -1) {
        printf("connect=failed %s\n", modbus_strerror(errno));
        modbus_free(ctx);
        return 2;
    }
    printf("libmodbus_version=%s\n", LIBMODBUS_VERSION_STRING);

    uint8_t bits[64];
    uint16_t regs[64];
    uint8_t raw[MODBUS_TCP_MAX_ADU_LENGTH];

    if (ok("coils", modbus_read_bits(ctx, 0, 16, bits))) bits_line("coils", bits, 16);
    if (ok("discrete", modbus_read_input_bits(ctx, 100, 16, bits))) bits_line("discrete", bits, 16);
    if (ok("holding", modbus_read_registers(ctx, 200, 10, regs))) regs_line("holding", regs, 10);
    if (ok("input", modbus_read_input_registers(ctx, 300, 10, regs))) regs_line("input", regs, 10);
    if (ok("write_coil", modbus_write_bit(ctx, 20, 1))) printf("write_coil=ok\n");
    const uint8_t coils30[] = {1, 0, 1, 1, 0, 0, 1, 0, 1, 1};
    if (ok("write_coils", modbus_write_bits(ctx, 30, 10, coils30))) printf("write_coils=ok\n");
    if (ok("write_register", modbus_write_register(ctx, 400, 0xBEEF))) printf("write_register=ok\n");
    const uint16_t regs410[] = {1, 2, 3, 65535, 0};
    if (ok("write_registers", modbus_write_registers(ctx, 410, 5, regs410))) printf("write_registers=ok\n");
    if (ok("mask_write", modbus_mask_write_register(ctx, 420, 0xF2, 0x25))) printf("mask_write=ok\n");
    const uint16_t seven89[] = {7, 8, 9};
    if (ok("readwrite", modbus_write_and_read_registers(ctx, 430, 3, seven89, 430, 5, regs))) {
        regs_line("readwrite", regs, 5);
    }
    uint8_t id[MODBUS_MAX_PDU_LENGTH];
    int n = modbus_report_slave_id(ctx, sizeof id, id);
    if (ok("server_id", n)) {
        printf("server_id=");
        for (int i = 0; i < n; i++) {
            printf("%02x", id[i]);
        }
        printf("\n");
    }

    /* 07 as a raw request: libmodbus frames the answer (function code + status byte) and checks its length. */
    const uint8_t read_exception_status[] = {1, 0x07};
    if (ok("exception_status", modbus_send_raw_request(ctx, read_exception_status, 2))) {
        int len = modbus_receive_confirmation(ctx, raw);
        if (ok("exception_status", len)) {
            printf("exception_status=%d length=%d\n", raw[len - 1], len);
        }
    }

    /* Exceptions: an address range past 65535 (02), a quantity of 126 sent raw, as the API refuses it (03). */
    if (modbus_read_bits(ctx, 65535, 2, bits) == -1) {
        printf("illegal_address=%d\n", exception_code());
    } else {
        printf("illegal_address=answered\n");
    }
    const uint8_t too_many[] = {1, 0x03, 0x00, 0x00, 0x00, 0x7E};
    if (ok("quantity_126", modbus_send_raw_request(ctx, too_many, 6))) {
        /* receive_confirmation frames the answer but leaves exceptions to the caller: 83 03 after the header. */
        int len = modbus_receive_confirmation(ctx, raw);
        if (ok("quantity_126", len)) {
            printf("quantity_126=%02X %02X length=%d\n", raw[len - 2], raw[len - 1], len);
        }
    }
    /* Unit 9 is not served: the TCP server answers gateway target failed (0B). */
    modbus_set_slave(ctx, 9);
    if (modbus_read_registers(ctx, 0, 1, regs) == -1) {
        printf("unknown_unit=%d\n", exception_code());
    } else {
        printf("unknown_unit=answered\n");
    }
    modbus_set_slave(ctx, 1);
    if (ok("after_exceptions", modbus_read_registers(ctx, 200, 1, regs))) regs_line("after_exceptions", regs, 1);

    modbus_close(ctx);
    modbus_free(ctx);
    return failures == 0 ? 0 : 1;
}
