package dev.modbustoolkit.simulator.admin.internal;

import io.helidon.webserver.http.ServerRequest;

/** Path and query parameters, checked: a bad one is a 400 that names it. */
public final class Params {
  private Params() {}

  /**
   * {@return a whole-number query parameter within min..max, or {@code absent} when it is missing}
   *
   * @param req the request
   * @param name the parameter
   * @param min the least value
   * @param max the greatest value
   * @param absent the value when it is missing; below {@code min} to make it required
   */
  public static int queryInt(ServerRequest req, String name, int min, int max, int absent) {
    var v = req.query().first(name);
    if (v.isEmpty()) {
      if (absent < min) {
        throw ApiException.badField(name, "required (a query parameter, " + min + ".." + max + ")");
      }
      return absent;
    }
    return parse(name, v.get(), min, max);
  }

  /**
   * {@return a whole-number path parameter within min..max}
   *
   * @param req the request
   * @param name the parameter
   * @param min the least value
   * @param max the greatest value
   */
  public static int pathInt(ServerRequest req, String name, int min, int max) {
    return parse(name, req.path().pathParameters().get(name), min, max);
  }

  /**
   * {@return a path parameter as text}
   *
   * @param req the request
   * @param name the parameter
   */
  public static String path(ServerRequest req, String name) {
    return req.path().pathParameters().get(name);
  }

  private static int parse(String name, String text, int min, int max) {
    long n;
    try {
      n = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badField(name, "'" + text + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw ApiException.badField(name, n + " is out of range " + min + ".." + max);
    }
    return (int) n;
  }
}
