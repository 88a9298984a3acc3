/**
 * The simulator's HTTP admin API and dashboard ({@code --admin PORT}): the device's points and raw tables, faults
 * (toxiproxy-shaped), reload, recent requests, server-sent events, Prometheus metrics and the dashboard page, on
 * Helidon SE's web server. The API is described in {@code openapi.yaml} beside these classes (also served at
 * {@code GET /openapi.yaml}).
 */
@NullMarked
package dev.modbustoolkit.simulator.admin;

import org.jspecify.annotations.NullMarked;
