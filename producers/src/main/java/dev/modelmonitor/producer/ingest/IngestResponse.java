package dev.modelmonitor.producer.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The answer to an ingest request: an HTTP status and a JSON body
 *
 * <pre>{@code
 * {"accepted": 2, "rejected": 1, "errors": [{"index": 1, "reason": "modelId is required"}]}
 * }</pre>
 *
 * with, for a request refused as a whole (413, 404, unreadable JSON), an {@code error} text
 * instead of per-record errors. Status: 200 all accepted; 207 some accepted; 400 none accepted
 * because of the records; 503 none accepted because Kafka or the registry failed (retry); 413
 * body or batch too large; 404 unknown kind.
 *
 * @param status HTTP status
 * @param accepted records acknowledged by Kafka
 * @param rejected records not written
 * @param errors one per rejected record, in index order
 * @param error why the whole request was refused, or null
 */
public record IngestResponse(
    int status, int accepted, int rejected, List<RecordError> errors, String error) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Why the record at {@code index} (0-based, in the request's array) was not written. */
  public record RecordError(int index, String reason) {}

  public IngestResponse {
    errors = List.copyOf(errors);
  }

  static IngestResponse refused(int status, String error) {
    return new IngestResponse(status, 0, 0, List.of(), error);
  }

  /** The response body. */
  public String json() {
    ObjectNode body = JSON.createObjectNode();
    body.put("accepted", accepted);
    body.put("rejected", rejected);
    if (error != null) {
      body.put("error", error);
    }
    ArrayNode list = body.putArray("errors");
    for (RecordError e : errors) {
      list.addObject().put("index", e.index()).put("reason", e.reason());
    }
    return body.toString();
  }

  /** {@code application/json}. */
  public String contentType() {
    return "application/json";
  }
}
