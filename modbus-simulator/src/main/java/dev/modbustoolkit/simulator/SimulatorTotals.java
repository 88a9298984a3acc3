package dev.modbustoolkit.simulator;

/**
 * What a {@link Simulator} has done since it started, over every transport: a snapshot of the counters that the
 * admin API's {@code /api/device} shows and the command line prints at exit.
 *
 * <p>A request a fault answers (an exception, no response, a dropped connection) never reaches a device's
 * dispatcher, so it counts in {@code faultsFired} and not in {@code requests}.
 *
 * @param requests requests the devices' dispatchers handled (exception responses included)
 * @param exceptions of those, the ones answered with an exception response
 * @param faultsFired activations of every fault of the pipeline
 * @param activeConnections open Modbus TCP and RTU-over-TCP connections
 * @param acceptedConnections Modbus TCP and RTU-over-TCP connections accepted since start
 * @param bytesIn bytes received on the network transports (Modbus TCP, RTU over TCP, UDP)
 * @param bytesOut bytes sent on the network transports
 */
public record SimulatorTotals(
    long requests,
    long exceptions,
    long faultsFired,
    long activeConnections,
    long acceptedConnections,
    long bytesIn,
    long bytesOut) {

  /**
   * {@return one line for a person: "12 requests (1 exception response), 2 faults fired, 3 connections"}
   */
  public String summary() {
    return requests + plural(" request", requests) + " (" + exceptions + plural(" exception response", exceptions)
        + "), " + faultsFired + plural(" fault", faultsFired) + " fired, " + acceptedConnections
        + plural(" connection", acceptedConnections) + ", " + bytesIn + " bytes in, " + bytesOut + " bytes out";
  }

  private static String plural(String noun, long count) {
    return count == 1 ? noun : noun + "s";
  }
}
