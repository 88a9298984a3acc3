package dev.modbustoolkit.simulator.admin.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;

/** Reading request bodies and writing JSON answers, one mapper for the whole API. */
public final class Json {
  /** The API's mapper: strict about duplicate keys, as the fault files are. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private Json() {}

  /** {@return a new empty object node} */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Sends {@code body} as JSON with {@code status}.
   *
   * @param res the response
   * @param status the HTTP status
   * @param body a Jackson node, record, list or map
   */
  public static void send(ServerResponse res, int status, Object body) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(body);
    } catch (JacksonException e) {
      throw new UncheckedIOException(e);
    }
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(bytes);
  }

  /**
   * Sends {@code body} as JSON with status 200.
   *
   * @param res the response
   * @param body the body
   */
  public static void ok(ServerResponse res, Object body) {
    send(res, 200, body);
  }

  /**
   * {@return the request's body as a JSON object}
   *
   * @param req the request
   * @throws ApiException 400 when there is none, it is not JSON, or not an object
   */
  public static ObjectNode body(ServerRequest req) {
    String text = req.content().hasEntity() ? req.content().as(String.class) : "";
    if (text.isBlank()) {
      throw ApiException.badField("body", "empty (expected a JSON object)");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JacksonException e) {
      var at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw ApiException.badField("body", "not valid JSON" + where + ": " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.badField("body", "expected a JSON object, found " + node.getNodeType().name()
          .toLowerCase(java.util.Locale.ROOT));
    }
    return object;
  }

  /**
   * {@return the text parsed as JSON (text this API wrote or a loader accepted)}
   *
   * @param text JSON text
   */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalStateException("stored JSON does not parse: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * {@return the node as compact JSON text}
   *
   * @param node the node
   */
  public static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JacksonException e) {
      throw new UncheckedIOException(e);
    }
  }
}
