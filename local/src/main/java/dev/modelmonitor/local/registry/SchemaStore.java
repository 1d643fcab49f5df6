package dev.modelmonitor.local.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmonitor.local.registry.CompatibilityChecker.Earlier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state and rules: subjects and their versions, global schema ids, compatibility
 * levels. Every change is appended to the {@link SchemaLog} first and applied here only once the
 * log acknowledged it, through the same {@link #apply} that replays the log on start, so memory and
 * log never disagree. An identical schema (same canonical form) gets the same id under every
 * subject, as in Confluent's registry.
 */
final class SchemaStore {
  /** One version of a subject. */
  record Version(String subject, int version, int id, boolean deleted) {}

  /** A version with its schema, as the API returns it. */
  record SchemaVersion(String subject, int version, int id, String schema) {}

  private static final Logger logger = LoggerFactory.getLogger(SchemaStore.class);

  private final SchemaLog log;
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, Integer> idsByCanonical = new HashMap<>();
  private final Map<String, TreeMap<Integer, Version>> subjects = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int maxId;

  SchemaStore(SchemaLog log) {
    this.log = log;
  }

  /** Reads whatever the log holds that this store has not seen (all of it on start). */
  synchronized void catchUp() {
    log.readToEnd(this::apply);
  }

  /** Registers {@code schema} under {@code subject}, or finds it there; returns its id. */
  synchronized int register(String subject, Schema schema) {
    catchUp();
    String canonical = schema.toString();
    Optional<Version> existing = find(subject, canonical);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    CompatibilityLevel level = effectiveLevel(subject);
    List<String> problems = CompatibilityChecker.problems(level, schema, earlier(subject));
    if (!problems.isEmpty()) {
      throw RegistryException.incompatible(
          "Schema being registered is incompatible with an earlier schema for subject \""
              + subject
              + "\" (compatibility "
              + level
              + "), details: "
              + problems);
    }
    int id = idsByCanonical.getOrDefault(canonical, maxId + 1);
    TreeMap<Integer, Version> versions = subjects.get(subject);
    int version = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    write(
        LogRecords.schemaKey(subject, version),
        LogRecords.schemaValue(subject, version, id, canonical, false));
    return id;
  }

  /** The version of {@code subject} holding {@code schema}: 40401 / 40403 when there is none. */
  synchronized SchemaVersion lookup(String subject, Schema schema) {
    if (live(subject).isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    Version found =
        find(subject, schema.toString()).orElseThrow(RegistryException::schemaNotFoundUnderSubject);
    return view(found);
  }

  synchronized String schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw RegistryException.schemaIdNotFound(Integer.toString(id));
    }
    return schema.toString();
  }

  /** Every live (subject, version) using schema {@code id}. */
  synchronized List<Version> versionsOfId(int id) {
    if (!schemasById.containsKey(id)) {
      throw RegistryException.schemaIdNotFound(Integer.toString(id));
    }
    List<Version> found = new ArrayList<>();
    for (String subject : new TreeSet<>(subjects.keySet())) {
      for (Version version : live(subject)) {
        if (version.id() == id) {
          found.add(version);
        }
      }
    }
    return found;
  }

  synchronized List<String> subjects(boolean includeDeleted) {
    List<String> names = new ArrayList<>();
    for (String subject : new TreeSet<>(subjects.keySet())) {
      if (includeDeleted || !live(subject).isEmpty()) {
        names.add(subject);
      }
    }
    return names;
  }

  synchronized List<Integer> versions(String subject) {
    List<Version> live = live(subject);
    if (live.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return live.stream().map(Version::version).toList();
  }

  /** A version by number, or by {@code latest} / {@code -1}. */
  synchronized SchemaVersion version(String subject, String versionText) {
    return view(resolve(subject, versionText));
  }

  /**
   * Whether {@code schema} may follow the subject's versions. With {@code versionText} null it is
   * the check {@link #register} does (anything is compatible with a new subject); otherwise it is
   * checked against that one version in the directions of the subject's level.
   */
  synchronized List<String> compatibilityProblems(
      String subject, String versionText, Schema schema) {
    CompatibilityLevel level = effectiveLevel(subject);
    if (versionText == null) {
      return CompatibilityChecker.problems(level, schema, earlier(subject));
    }
    Version against = resolve(subject, versionText);
    Earlier earlier = new Earlier(against.version(), schemasById.get(against.id()));
    return CompatibilityChecker.problems(level, schema, List.of(earlier));
  }

  /**
   * Soft-deletes every live version of {@code subject} or, when {@code permanent}, removes the
   * versions an earlier soft delete left; returns the version numbers affected.
   */
  synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    catchUp();
    TreeMap<Integer, Version> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    List<Version> live = live(subject);
    if (permanent && !live.isEmpty()) {
      throw RegistryException.subjectNotSoftDeleted(subject);
    }
    if (!permanent && live.isEmpty()) {
      throw RegistryException.subjectSoftDeleted(subject);
    }
    List<Version> affected = permanent ? new ArrayList<>(versions.values()) : live;
    for (Version version : affected) {
      String key = LogRecords.schemaKey(subject, version.version());
      String value =
          permanent
              ? null
              : LogRecords.schemaValue(
                  subject,
                  version.version(),
                  version.id(),
                  schemasById.get(version.id()).toString(),
                  true);
      write(key, value);
    }
    return affected.stream().map(Version::version).toList();
  }

  synchronized CompatibilityLevel globalLevel() {
    return globalLevel == null ? CompatibilityLevel.DEFAULT : globalLevel;
  }

  /** The subject's own level; the global one if it has none and {@code defaultToGlobal}. */
  synchronized CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
    CompatibilityLevel level = subjectLevels.get(subject);
    if (level != null) {
      return level;
    }
    if (defaultToGlobal) {
      return globalLevel();
    }
    throw RegistryException.subjectLevelCompatibilityNotConfigured(subject);
  }

  /** Sets the level of {@code subject}, or the global level when it is null. */
  synchronized void setLevel(String subject, CompatibilityLevel level) {
    catchUp();
    write(LogRecords.configKey(subject), LogRecords.configValue(level));
  }

  /** Applies one log record; replaying a record already applied changes nothing. */
  void apply(String keyJson, String valueJson) {
    JsonNode key = LogRecords.parse(keyJson);
    if (key == null) {
      return;
    }
    JsonNode value = LogRecords.parse(valueJson);
    try {
      switch (key.path("keytype").asText()) {
        case LogRecords.SCHEMA -> applySchema(key, value);
        case LogRecords.CONFIG -> applyConfig(key, value);
        default -> {
          // NOOP and record types of features this registry does not serve (modes, contexts).
        }
      }
    } catch (RuntimeException e) {
      // A record another writer put there that this registry cannot read must not stop the
      // registry from serving everything else.
      logger.warn(
          "skipping unreadable schema log record {} -> {}: {}", keyJson, valueJson, e.toString());
    }
  }

  private void applySchema(JsonNode key, JsonNode value) {
    String subject = key.path("subject").asText();
    int version = key.path("version").asInt();
    if (value == null) {
      TreeMap<Integer, Version> versions = subjects.get(subject);
      if (versions != null) {
        versions.remove(version);
        if (versions.isEmpty()) {
          subjects.remove(subject);
        }
      }
      return;
    }
    int id = value.path("id").asInt();
    Schema schema = schemasById.get(id);
    if (schema == null) {
      schema = new Schema.Parser().parse(value.path("schema").asText());
      schemasById.put(id, schema);
      idsByCanonical.putIfAbsent(schema.toString(), id);
    }
    maxId = Math.max(maxId, id);
    boolean deleted = value.path("deleted").asBoolean(false);
    subjects
        .computeIfAbsent(subject, s -> new TreeMap<>())
        .put(version, new Version(subject, version, id, deleted));
  }

  private void applyConfig(JsonNode key, JsonNode value) {
    JsonNode subjectNode = key.path("subject");
    String subject = subjectNode.isTextual() ? subjectNode.asText() : null;
    CompatibilityLevel level =
        value == null || !value.hasNonNull("compatibilityLevel")
            ? null
            : CompatibilityLevel.parse(value.path("compatibilityLevel").asText());
    if (subject == null) {
      globalLevel = level;
    } else if (level == null) {
      subjectLevels.remove(subject);
    } else {
      subjectLevels.put(subject, level);
    }
  }

  private void write(String key, String value) {
    log.append(key, value);
    apply(key, value);
  }

  private CompatibilityLevel effectiveLevel(String subject) {
    CompatibilityLevel level = subjectLevels.get(subject);
    return level != null ? level : globalLevel();
  }

  private Version resolve(String subject, String versionText) {
    List<Version> live = live(subject);
    if (live.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    String text = versionText.trim();
    if (text.equalsIgnoreCase("latest") || text.equals("-1")) {
      return live.get(live.size() - 1);
    }
    int number;
    try {
      number = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryException.invalidVersion(versionText);
    }
    if (number < 1) {
      throw RegistryException.invalidVersion(versionText);
    }
    return live.stream()
        .filter(v -> v.version() == number)
        .findFirst()
        .orElseThrow(() -> RegistryException.versionNotFound(number));
  }

  private Optional<Version> find(String subject, String canonical) {
    Integer id = idsByCanonical.get(canonical);
    if (id == null) {
      return Optional.empty();
    }
    return live(subject).stream().filter(v -> v.id() == id).findFirst();
  }

  private List<Version> live(String subject) {
    TreeMap<Integer, Version> versions = subjects.get(subject);
    if (versions == null) {
      return List.of();
    }
    return versions.values().stream().filter(v -> !v.deleted()).toList();
  }

  private List<Earlier> earlier(String subject) {
    return live(subject).stream()
        .map(v -> new Earlier(v.version(), schemasById.get(v.id())))
        .toList();
  }

  private SchemaVersion view(Version version) {
    return new SchemaVersion(
        version.subject(),
        version.version(),
        version.id(),
        schemasById.get(version.id()).toString());
  }
}
