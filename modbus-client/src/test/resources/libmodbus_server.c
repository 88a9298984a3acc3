/*
 * A libmodbus server for the client's interop tests, built by the test with `cc -o ... libmodbus_server.c
 * -lmodbus`. Unit 1, 100 of each table (the values below, which the Java test checks); address 100 and beyond is
 * outside the map, so libmodbus answers exception 02. Requests to unit 9 are read and never answered (the client's
 * timeout). Prints "serving" once it listens (TCP) or has opened the line (RTU); stopped by SIGTERM.
 *
 * Usage: libmodbus_server tcp PORT | libmodbus_server rtu DEVICE BAUD
 */
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SIZE 100
#define SILENT_UNIT 9

static void fill(modbus_mapping_t *map) {
  for (int i = 0; i < SIZE; i++) {
    map->tab_bits[i] = (i % 3 == 0);
    map->tab_input_bits[i] = (i % 2 == 0);
    map->tab_registers[i] = 1000 + i;
    map->tab_input_registers[i] = 2000 + i;
  }
}

/* Serves requests on ctx until the connection ends; returns when it does. */
static void serve(modbus_t *ctx, modbus_mapping_t *map, int header_length) {
  uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
  for (;;) {
    int rc = modbus_receive(ctx, query);
    if (rc == 0) {
      continue; /* not for us (RTU: another unit) */
    }
    if (rc < 0) {
      if (errno == EMBBADCRC || errno == EMBBADDATA) {
        continue;
      }
      return;
    }
    if (query[header_length - 1] == SILENT_UNIT) {
      continue;
    }
    if (modbus_reply(ctx, query, rc, map) < 0 && errno != EMBXILFUN) {
      /* a write failure ends the connection */
    }
  }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s tcp PORT | rtu DEVICE BAUD\n", argv[0]);
    return 2;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  modbus_mapping_t *map = modbus_mapping_new(SIZE, SIZE, SIZE, SIZE);
  if (map == NULL) {
    fprintf(stderr, "modbus_mapping_new: %s\n", modbus_strerror(errno));
    return 1;
  }
  fill(map);
  if (strcmp(argv[1], "tcp") == 0) {
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", atoi(argv[2]));
    int listener = modbus_tcp_listen(ctx, 1);
    if (listener < 0) {
      fprintf(stderr, "listen: %s\n", modbus_strerror(errno));
      return 1;
    }
    printf("serving\n");
    for (;;) {
      if (modbus_tcp_accept(ctx, &listener) < 0) {
        fprintf(stderr, "accept: %s\n", modbus_strerror(errno));
        return 1;
      }
      serve(ctx, map, modbus_get_header_length(ctx));
      modbus_close(ctx);
    }
  }
  if (argc < 4) {
    fprintf(stderr, "usage: %s rtu DEVICE BAUD\n", argv[0]);
    return 2;
  }
  modbus_t *ctx = modbus_new_rtu(argv[2], atoi(argv[3]), 'N', 8, 1);
  modbus_set_slave(ctx, 1);
  if (modbus_connect(ctx) < 0) {
    fprintf(stderr, "connect %s: %s\n", argv[2], modbus_strerror(errno));
    return 1;
  }
  printf("serving\n");
  for (;;) {
    serve(ctx, map, modbus_get_header_length(ctx));
    modbus_flush(ctx);
  }
}
