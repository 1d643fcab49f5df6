package dev.modelmonitor.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API that the serdes and the CLI use.
 * Implementations cache: a schema id never changes meaning, so lookups by id and registrations of
 * a schema already seen under a subject cost one request each at most.
 *
 * <p>Failures surface as {@link SchemaRegistryException} carrying the registry's HTTP status and
 * error code (for example 40403 for an unknown schema id).
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /** Registers {@code schema} under {@code subject} (or finds it there) and returns its id. */
  int register(String subject, Schema schema);

  /** The id of {@code schema} under {@code subject}, without registering; 40401/40403 if absent. */
  int lookupId(String subject, Schema schema);

  /** The schema with this global id. */
  Schema schemaById(int id);

  /** The latest version registered under {@code subject}. */
  SubjectVersion latest(String subject);

  /** Whether {@code schema} may be registered under {@code subject} given its compatibility level. */
  boolean isCompatible(String subject, Schema schema);

  /** All subjects. */
  List<String> subjects();

  /** The registry's base URL, or a descriptive name for in-memory registries. */
  String url();

  @Override
  default void close() {}

  /** One version of a schema under a subject. */
  record SubjectVersion(String subject, int version, int id, Schema schema) {}
}
