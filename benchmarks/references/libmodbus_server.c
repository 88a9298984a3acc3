/*
 * libmodbus_server PORT
 *
 * A Modbus TCP server built on libmodbus (3.1.x) the way libmodbus documents a server for several clients: one
 * thread, a select() loop over the listening socket and every client socket, modbus_receive() and modbus_reply()
 * on the socket that is readable (see modbus_tcp_listen(3), modbus_tcp_accept(3), modbus_set_socket(3) and the
 * bandwidth-server-many-up example). It is the libmodbus reference for benchmarks/perf/compare-references.sh.
 *
 * It listens on 127.0.0.1:PORT and answers every unit id (libmodbus does not filter unit ids on TCP) from a
 * mapping of 10000 coils, discrete inputs, holding registers and input registers holding what loadgen -V 1
 * checks: register i = i, bit i = (i % 3 == 0).
 *
 * select() cannot watch a descriptor >= FD_SETSIZE (1024), and libmodbus's own modbus_receive() also selects on
 * the socket: a connection that gets such a descriptor is closed at once (reported once on stderr) rather than
 * passed to FD_SET, which would write past the fd_set.
 *
 * Build: gcc -O2 -o /tmp/libmodbus_server libmodbus_server.c $(pkg-config --cflags --libs libmodbus)
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <modbus.h>

#define NB_ADDRESSES 10000
/* Pending connections the kernel may queue: loadgen opens up to 1000 connections at once (W5). */
#define BACKLOG 1024

static void fill(modbus_mapping_t *mapping)
{
    for (int i = 0; i < NB_ADDRESSES; i++) {
        mapping->tab_bits[i] = (i % 3 == 0);
        mapping->tab_input_bits[i] = (i % 3 == 0);
        mapping->tab_registers[i] = (uint16_t)i;
        mapping->tab_input_registers[i] = (uint16_t)i;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    char *end;
    long port = strtol(argv[1], &end, 10);
    if (*argv[1] == '\0' || *end != '\0' || port < 1 || port > 65535) {
        fprintf(stderr, "libmodbus_server: PORT '%s' is not in 1..65535\n", argv[1]);
        return 2;
    }
    /* A client that closes while we reply must not kill the server. */
    signal(SIGPIPE, SIG_IGN);

    modbus_t *ctx = modbus_new_tcp("127.0.0.1", (int)port);
    if (ctx == NULL) {
        fprintf(stderr, "libmodbus_server: modbus_new_tcp: %s\n", modbus_strerror(errno));
        return 1;
    }
    modbus_mapping_t *mapping = modbus_mapping_new(NB_ADDRESSES, NB_ADDRESSES, NB_ADDRESSES, NB_ADDRESSES);
    if (mapping == NULL) {
        fprintf(stderr, "libmodbus_server: modbus_mapping_new: %s\n", modbus_strerror(errno));
        modbus_free(ctx);
        return 1;
    }
    fill(mapping);

    int server_socket = modbus_tcp_listen(ctx, BACKLOG);
    if (server_socket == -1) {
        fprintf(stderr, "libmodbus_server: modbus_tcp_listen on 127.0.0.1:%ld: %s\n", port, modbus_strerror(errno));
        modbus_mapping_free(mapping);
        modbus_free(ctx);
        return 1;
    }
    printf("listening on 127.0.0.1:%ld\n", port);
    fflush(stdout);

    fd_set watched;
    FD_ZERO(&watched);
    FD_SET(server_socket, &watched);
    int fd_max = server_socket;
    int refused_beyond_fd_setsize = 0;
    uint8_t request[MODBUS_TCP_MAX_ADU_LENGTH];

    for (;;) {
        fd_set readable = watched;
        if (select(fd_max + 1, &readable, NULL, NULL, NULL) == -1) {
            if (errno == EINTR) {
                continue;
            }
            perror("libmodbus_server: select");
            break;
        }
        for (int fd = 0; fd <= fd_max; fd++) {
            if (!FD_ISSET(fd, &readable)) {
                continue;
            }
            if (fd == server_socket) {
                /* modbus_tcp_accept stores the new socket in ctx; it is set again per request below anyway. */
                int listening = server_socket;
                int client = modbus_tcp_accept(ctx, &listening);
                if (client == -1) {
                    perror("libmodbus_server: accept");
                    continue;
                }
                if (client >= FD_SETSIZE) {
                    if (refused_beyond_fd_setsize++ == 0) {
                        fprintf(stderr,
                                "libmodbus_server: closing connections whose descriptor is >= FD_SETSIZE (%d): "
                                "select() cannot watch them\n",
                                FD_SETSIZE);
                    }
                    close(client);
                    continue;
                }
                FD_SET(client, &watched);
                if (client > fd_max) {
                    fd_max = client;
                }
                continue;
            }
            modbus_set_socket(ctx, fd);
            int length = modbus_receive(ctx, request);
            if (length > 0) {
                if (modbus_reply(ctx, request, length, mapping) != -1) {
                    continue;
                }
            } else if (length == 0) {
                /* An indication libmodbus ignores: nothing to answer, the connection stays. */
                continue;
            }
            /* -1: the client closed, or a read, framing or send error: libmodbus has no way back, drop it. */
            close(fd);
            FD_CLR(fd, &watched);
            while (fd_max > server_socket && !FD_ISSET(fd_max, &watched)) {
                fd_max--;
            }
        }
    }
    if (refused_beyond_fd_setsize > 0) {
        fprintf(stderr, "libmodbus_server: %d connections closed at accept (descriptor >= FD_SETSIZE)\n",
                refused_beyond_fd_setsize);
    }
    close(server_socket);
    modbus_mapping_free(mapping);
    modbus_free(ctx);
    return 1;
}
