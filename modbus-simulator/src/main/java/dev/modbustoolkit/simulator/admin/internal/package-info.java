/**
 * The admin API's implementation: routes, JSON views, the request log, the event hub and the metrics bridge. Not
 * exported.
 */
@NullMarked
package dev.modbustoolkit.simulator.admin.internal;

import org.jspecify.annotations.NullMarked;
