package dev.modbustoolkit.simulator.internal;

/** The text of {@code --help}: every option, its values and its default. */
public final class Usage {
  /** The help text. */
  public static final String TEXT = """
      Usage: modbus-simulator [OPTIONS]

      Runs simulated Modbus devices on Modbus TCP (on by default), a serial line (RTU or ASCII) and RTU over TCP,
      all sharing the same devices and the same faults. Every unit has all four tables over addresses 0..65535
      (coils, discrete inputs, holding registers, input registers), all zero at start unless --fill says
      otherwise; every coil and holding register is writable. On Modbus TCP unit ids 0 and 255 reach the lowest
      configured unit and other unknown unit ids get exception 0x0B; on serial transports unit 0 is a broadcast
      (executed, never answered) and every other unit id not served gets no answer, as on a shared bus.

      Devices:
        --profile FILE            serve the units, address blocks, typed points, moving values and
                                  identification of this YAML or JSON device profile (see
                                  examples/energy-meter.yaml and the README); not with --unit, --fill, --size
        --unit ID                 serve unit ID, 1..247; repeat for several units (default: unit 1)
        --size N                  every table of every unit holds addresses 0..N-1, 1..65536 (default 65536);
                                  other addresses answer exception 02
        --fill zero|pattern       what every unit's tables hold at start (default zero): pattern sets holding
                                  and input register i to i, and coil and discrete input i to on when i % 3 == 0,
                                  the values load generators check (loadgen -V 1)

      Modbus TCP:
        --bind ADDRESS            IPv4 or IPv6 address of the TCP listeners, Modbus TCP and RTU over TCP
                                  (default 127.0.0.1; 0.0.0.0 or :: for all interfaces)
        --port N                  TCP port 0..65535 (default 5020; 0 picks a free port; 502 needs privileges)
        --no-tcp                  no Modbus TCP server (then --rtu or --rtu-over-tcp is needed)
        --max-connections N       connections served at once, 1..1000000 (default 10000)
        --connection-limit-policy POLICY
                                  beyond the limit: refuse (wait in the backlog), close-new, evict-oldest-idle
                                  (default refuse)
        --idle-timeout SECONDS    close connections idle this long, 0 = never (default 300)
        --request-timeout MILLIS  answer SERVER_DEVICE_BUSY (0x06) when a request takes longer, 0 = no
                                  timeout (default 5000)
        --io event-loop|threads   how connections are served: event-loop (default; a few selector threads, the
                                  fastest) or threads (one virtual thread per connection)

      Serial line (Modbus over Serial Line):
        --rtu DEVICE              serve the units on this serial device: /dev/ttyUSB0, /dev/serial/by-id/...,
                                  a pseudo-terminal such as one end of a socat pty pair, COM3
        --baud N                  baud rate, 50..4000000 (default 19200)
        --parity N|E|O            none, even or odd (default E)
        --data-bits 7|8           data bits (default 8; 7 with --ascii; RTU needs 8)
        --stop-bits 1|2           stop bits (default 1)
        --ascii                   ASCII mode (':' ... CR LF frames, LRC) instead of RTU, on --rtu and
                                  --rtu-over-tcp alike
        --rtu-tolerance-ms N      added to the RTU silences t1.5 and t3.5, 0..10000 ms (default 5; 0 for a
                                  native UART, 20 for USB adapters with a 16 ms latency timer)
        --rtu-strict              find RTU frames on the device by the spec's silences alone: a frame ends
                                  at a t3.5 silence and is dropped when a character follows it between t1.5
                                  and t3.5 (default: taken at its last byte when length and CRC say so)
        --rtu-over-tcp PORT       also serve RTU frames (with their CRC, no MBAP header) over TCP on
                                  --bind:PORT, 0..65535 (0 picks a free port); ASCII frames with --ascii

      Modbus over UDP:
        --udp PORT                also serve MBAP frames in UDP datagrams on --bind:PORT, 0..65535 (0 picks
                                  a free port); response faults apply, connection faults do not

      Faults:
        --faults FILE             inject the faults of this YAML or JSON fault file into every server (JSON when
                                  the name ends in .json or the text starts with '{', YAML otherwise); see
                                  examples/faults.yaml and the README for the format
        --seed N                  seed of the fault pipeline's random choices and of the profile's moving
                                  values (a whole number), overriding the files' seeds (default: each file's,
                                  else random and printed at start)

      Admin API and dashboard (HTTP):
        --admin PORT              serve the admin API and the dashboard on http://--admin-bind:PORT/, 0..65535
                                  (0 picks a free port; the start line says where): points, raw tables, faults
                                  on and off, reload, recent requests, /events, /metrics (Prometheus), /health;
                                  described at /openapi.yaml. SIGHUP reloads the fault file and the profile too
        --admin-bind ADDRESS      address of the admin API (default 127.0.0.1: it changes what the device
                                  answers, so keep it off the network unless --admin-token is set)
        --admin-token TOKEN       every request but GET /health needs Authorization: Bearer TOKEN (printable
                                  ASCII without spaces); the dashboard takes it as ?token=TOKEN

      Other:
        --decode LAYERS           log the traffic of every server, per layer: pdu (decoded requests and
                                  answers), frame (frames as hex), raw (bytes read and written), comma-separated,
                                  or all / none (default none)
        --log-level LEVEL         what the simulator logs (to stderr): error, warn, info (default), debug, or
                                  trace, which also logs every request a device answers; off for nothing
        --shutdown-grace SECONDS  on Ctrl-C, let Modbus TCP connections finish for this long (default 5)
        -h, --help                show this help and exit

      Options take their value as the next argument or after '=' (--port=5021). A bad option, fault file or
      profile stops the simulator with a message naming the field and exit status 2; a server that cannot start
      gives exit status 1.
      Stop with Ctrl-C: the servers stop accepting, answer requests in flight and close connections; the last
      lines say how many requests were served, how many got an exception response and which faults fired.
      """;

  private Usage() {}
}
