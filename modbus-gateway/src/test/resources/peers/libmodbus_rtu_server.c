/*
 * A libmodbus RTU server on a serial line, the downstream device of the gateway's interop tests, built by the test
 * with `cc -o ... libmodbus_rtu_server.c $(pkg-config --cflags --libs libmodbus)`. Unit 1, 100 of each table (the
 * values below, which the Java test checks); address 100 and beyond is outside the map, so libmodbus answers
 * exception 02. Requests to other units are not answered (libmodbus RTU drops them). Prints "serving" once it has
 * opened the line; stopped by SIGTERM.
 *
 * Usage: libmodbus_rtu_server DEVICE BAUD
 */
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>

#define SIZE 100

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s DEVICE BAUD\n", argv[0]);
    return 2;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  modbus_mapping_t *map = modbus_mapping_new(SIZE, SIZE, SIZE, SIZE);
  if (map == NULL) {
    fprintf(stderr, "modbus_mapping_new: %s\n", modbus_strerror(errno));
    return 1;
  }
  for (int i = 0; i < SIZE; i++) {
    map->tab_bits[i] = (i % 3 == 0);
    map->tab_input_bits[i] = (i % 2 == 0);
    map->tab_registers[i] = 1000 + i;
    map->tab_input_registers[i] = 2000 + i;
  }
  modbus_t *ctx = modbus_new_rtu(argv[1], atoi(argv[2]), 'N', 8, 1);
  modbus_set_slave(ctx, 1);
  if (modbus_connect(ctx) < 0) {
    fprintf(stderr, "connect %s: %s\n", argv[1], modbus_strerror(errno));
    return 1;
  }
  printf("serving\n");
  uint8_t query[MODBUS_RTU_MAX_ADU_LENGTH];
  for (;;) {
    int rc = modbus_receive(ctx, query);
    if (rc > 0) {
      modbus_reply(ctx, query, rc, map); /* an exception it cannot send is no reason to stop */
    } else if (rc < 0 && errno != EMBBADCRC && errno != EMBBADDATA && errno != ETIMEDOUT) {
      modbus_flush(ctx); /* a frame it could not read: drop what is left of it and read on */
    }
  }
}
