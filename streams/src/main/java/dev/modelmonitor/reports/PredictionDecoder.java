package dev.modelmonitor.reports;

import dev.modelmonitor.registry.SchemaRegistryClient;
import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.schema.PredictionEvent;
import dev.modelmonitor.serde.WireFormat;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads prediction events straight from their Avro binary into {@link PredictionFields}, without
 * the generic reader's hash map, {@code Utf8} and {@code String} per feature: feature names,
 * model ids and versions and categorical values are decoded once and then found by their bytes.
 *
 * <p>Only events written with the schema this reader is laid out for (the writer's parsing
 * canonical form equals {@code PredictionEvent}'s) are read directly. Events of any other writer
 * schema (older or newer versions), and any bytes the direct reading fails on, go through the
 * pipeline's generic deserializer, so schema resolution works as everywhere else and bad bytes
 * fail with exactly the {@code WireFormatException} (and so the dead-letter reason) they always
 * did. One instance per stream task: it is not thread-safe.
 */
final class PredictionDecoder implements Deserializer<PredictionFields> {
  /** Field names and types, in order, that {@link #read} is written for. */
  static final List<String> LAYOUT = List.of("modelId:string", "modelVersion:[null,string]",
      "timestamp:long", "instance:[null,record]", "requestId:string",
      "features:map<[null,boolean,long,double,string]>",
      "prediction:[null,boolean,long,double,string]", "scores:[null,map<double>]",
      "latencyMicros:[null,long]", "outcome:enum", "error:[null,string]",
      "errorMessage:[null,string]");
  private static final Schema READER = PredictionEvent.getClassSchema();
  /** The reader's canonical form, or null when its fields are not {@link #LAYOUT}. */
  private static final String DIRECT_FORM =
      layoutOf(READER).equals(LAYOUT) ? SchemaNormalization.toParsingForm(READER) : null;
  /** Skips an {@code Instance}: reports do not use it. */
  private static final Skipper SKIP_INSTANCE =
      skipper(READER.getField("instance").schema().getTypes().get(1));
  private static final Outcome[] OUTCOMES = Outcome.values();
  private static final VarHandle LITTLE_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int MAX_CACHED_STRINGS = 4096;
  private static final Object[] NO_VALUES = new Object[0];
  private static final double[] NO_NUMBERS = new double[0];
  /** The value union's branch of a double. */
  private static final int DOUBLE_BRANCH = 3;

  private final SchemaRegistryClient registry;
  private final Deserializer<PredictionEvent> generic;
  private final Map<Integer, Boolean> directById = new HashMap<>();
  private final Strings strings = new Strings(MAX_CACHED_STRINGS);
  private String[] names = new String[32];
  private String[] lastEventNames = new String[0];
  private String[] lastNames = new String[0];
  private byte[][] lastNameBytes = new byte[0][];
  private byte[] in;
  private int pos;

  /**
   * @param registry resolves schema ids to the writers' schemas
   * @param generic the pipeline's deserializer of prediction events, for everything else
   */
  PredictionDecoder(SchemaRegistryClient registry, Deserializer<PredictionEvent> generic) {
    this.registry = registry;
    this.generic = generic;
  }

  @Override
  public PredictionFields deserialize(String topic, byte[] data) {
    if (data != null && data.length > WireFormat.HEADER_SIZE
        && data[0] == WireFormat.MAGIC_BYTE && readsDirectly(WireFormat.schemaId(data))) {
      try {
        return read(data);
      } catch (RuntimeException e) {
        // Bad bytes: the generic reader fails on them too and says what is wrong.
      }
    }
    PredictionEvent event = generic.deserialize(topic, data);
    return event == null ? null : PredictionFields.of(event, data);
  }

  /** Whether events written with schema {@code id} are laid out as this reader reads them. */
  boolean readsDirectly(int id) {
    Boolean direct = directById.get(id);
    if (direct == null) {
      if (DIRECT_FORM == null) {
        return false;
      }
      Schema writer;
      try {
        writer = registry.schemaById(id);
      } catch (RuntimeException e) {
        // Unknown id or registry down: the generic reader reports it as it always does.
        return false;
      }
      direct = DIRECT_FORM.equals(SchemaNormalization.toParsingForm(writer));
      directById.put(id, direct);
    }
    return direct;
  }

  private PredictionFields read(byte[] data) {
    in = data;
    pos = WireFormat.HEADER_SIZE;
    String modelId = string();
    String modelVersion = index(2) == 0 ? null : string();
    readLong(); // timestamp: reports use the record's timestamp
    if (index(2) == 1) {
      SKIP_INSTANCE.skip(this);
    }
    int requestIdLength = length();
    int requestIdOffset = pos;
    pos += requestIdLength;
    int n = 0;
    Object[] featureValues = NO_VALUES;
    double[] numbers = NO_NUMBERS;
    for (long block = readLong(); block != 0; block = readLong()) {
      if (block < 0) {
        block = -block;
        readLong(); // the block's size in bytes
      }
      if (block > in.length - pos) {
        throw new IndexOutOfBoundsException("a block of " + block + " map entries");
      }
      if (n + block > featureValues.length) {
        // Usually one block: the values array is allocated once, at its size.
        featureValues = Arrays.copyOf(featureValues, n + (int) block);
        numbers = Arrays.copyOf(numbers, n + (int) block);
      }
      if (n + block > names.length) {
        names = Arrays.copyOf(names, 2 * (n + (int) block));
      }
      for (long i = 0; i < block; i++) {
        names[n] = name(n);
        int branch = index(5);
        if (branch == DOUBLE_BRANCH) {
          featureValues[n] = FeatureValues.NUMBER;
          numbers[n] = readDouble();
        } else {
          featureValues[n] = value(branch);
        }
        n++;
      }
    }
    Object prediction = value(index(5));
    if (index(2) == 1) {
      skipMap(Schema.Type.DOUBLE);
    }
    Long latency = index(2) == 0 ? null : readLong();
    Outcome outcome = OUTCOMES[index(OUTCOMES.length)];
    String error = index(2) == 0 ? null : string();
    if (index(2) == 1) {
      skipBytes(length()); // errorMessage
    }
    if (pos > data.length) {
      throw new IndexOutOfBoundsException("past the end");
    }
    FeatureValues features = new FeatureValues(namesOf(n), featureValues, numbers, n);
    return new PredictionFields(modelId, modelVersion, outcome, error, latency, prediction,
        features, data, requestIdOffset, requestIdLength);
  }

  /**
   * A value of the union {@code ["null", "boolean", "long", "double", "string"]}, its branch
   * already read.
   */
  private Object value(int branch) {
    switch (branch) {
      case 0:
        return null;
      case 1:
        return readBoolean();
      case 2:
        return readLong();
      case DOUBLE_BRANCH:
        return readDouble();
      default:
        return string();
    }
  }

  private double readDouble() {
    double d = Double.longBitsToDouble((long) LITTLE_ENDIAN_LONG.get(in, pos));
    pos += 8;
    return d;
  }

  private boolean readBoolean() {
    int b = in[pos++];
    if (b != 0 && b != 1) {
      throw new IllegalArgumentException("boolean byte " + b);
    }
    return b == 1;
  }

  /**
   * The names just read: the last event's array when they are the same Strings (a model's events
   * name the same features in the same order), else a copy. Arrays given out are never changed.
   */
  private String[] namesOf(int n) {
    String[] last = lastEventNames;
    if (last.length == n) {
      int i = 0;
      while (i < n && last[i] == names[i]) {
        i++;
      }
      if (i == n) {
        return last;
      }
    }
    lastEventNames = Arrays.copyOf(names, n);
    return lastEventNames;
  }

  /**
   * The name of the {@code n}-th feature: the same as the last event's {@code n}-th when its bytes
   * are (a model's events name their features in the same order), without hashing them.
   */
  private String name(int n) {
    int length = length();
    if (n >= lastNames.length) {
      lastNames = Arrays.copyOf(lastNames, names.length);
      lastNameBytes = Arrays.copyOf(lastNameBytes, names.length);
    }
    byte[] last = lastNameBytes[n];
    String name;
    if (last != null && Strings.equal(last, in, pos, length)) {
      name = lastNames[n];
    } else {
      name = strings.get(in, pos, length);
      lastNames[n] = name;
      lastNameBytes[n] = Arrays.copyOfRange(in, pos, pos + length);
    }
    pos += length;
    return name;
  }

  private String string() {
    int length = length();
    String s = strings.get(in, pos, length);
    pos += length;
    return s;
  }

  private int length() {
    long length = readLong();
    if (length < 0 || length > in.length - pos) {
      throw new IndexOutOfBoundsException("length " + length + " at " + pos);
    }
    return (int) length;
  }

  private int index(int branches) {
    long index = readVarLong(5);
    if (index < 0 || index >= branches) {
      throw new IndexOutOfBoundsException("index " + index + " of " + branches);
    }
    return (int) index;
  }

  /** Avro's zig-zag variable-length long. */
  private long readLong() {
    return readVarLong(10);
  }

  /** A zig-zag varint of at most {@code maxBytes} bytes (5 for Avro's int, 10 for its long). */
  private long readVarLong(int maxBytes) {
    long raw = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift >= 7 * maxBytes) {
        throw new IllegalArgumentException("varint of more than " + maxBytes + " bytes");
      }
      int b = in[pos++];
      raw |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  private void skipBytes(int n) {
    pos += n;
  }

  private void skipMap(Schema.Type valueType) {
    for (long block = readLong(); block != 0; block = readLong()) {
      if (block < 0) {
        skipBytes((int) readLong());
        continue;
      }
      for (long i = 0; i < block; i++) {
        skipBytes(length());
        skipPrimitive(valueType);
      }
    }
  }

  private void skipPrimitive(Schema.Type type) {
    switch (type) {
      case NULL -> { }
      case BOOLEAN -> readBoolean();
      case INT, ENUM -> readVarLong(5);
      case LONG -> readLong();
      case FLOAT -> skipBytes(4);
      case DOUBLE -> skipBytes(8);
      case STRING, BYTES -> skipBytes(length());
      default -> throw new IllegalArgumentException("not a primitive: " + type);
    }
  }

  /** Skips one value of a schema, compiled once from the schema. */
  private interface Skipper {
    void skip(PredictionDecoder in);
  }

  private static Skipper skipper(Schema schema) {
    switch (schema.getType()) {
      case RECORD: {
        Skipper[] fields = schema.getFields().stream().map(f -> skipper(f.schema()))
            .toArray(Skipper[]::new);
        return in -> {
          for (Skipper field : fields) {
            field.skip(in);
          }
        };
      }
      case UNION: {
        Skipper[] branches = schema.getTypes().stream().map(PredictionDecoder::skipper)
            .toArray(Skipper[]::new);
        return in -> branches[in.index(branches.length)].skip(in);
      }
      case FIXED: {
        int size = schema.getFixedSize();
        return in -> in.skipBytes(size);
      }
      case ARRAY:
      case MAP: {
        boolean map = schema.getType() == Schema.Type.MAP;
        Skipper item = skipper(map ? schema.getValueType() : schema.getElementType());
        return in -> {
          for (long block = in.readLong(); block != 0; block = in.readLong()) {
            if (block < 0) {
              in.skipBytes((int) in.readLong());
              continue;
            }
            for (long i = 0; i < block; i++) {
              if (map) {
                in.skipBytes(in.length());
              }
              item.skip(in);
            }
          }
        };
      }
      default: {
        Schema.Type type = schema.getType();
        return in -> in.skipPrimitive(type);
      }
    }
  }

  /** {@code name:type} of each field, types as in {@link #LAYOUT}. */
  static List<String> layoutOf(Schema record) {
    return record.getFields().stream().map(f -> f.name() + ":" + typeOf(f.schema())).toList();
  }

  private static String typeOf(Schema schema) {
    return switch (schema.getType()) {
      case UNION -> "[" + String.join(",", schema.getTypes().stream()
          .map(PredictionDecoder::typeOf).toList()) + "]";
      case MAP -> "map<" + typeOf(schema.getValueType()) + ">";
      case ARRAY -> "array<" + typeOf(schema.getElementType()) + ">";
      default -> schema.getType().getName();
    };
  }

  /**
   * Strings by their UTF-8 bytes, so that the same name or category is decoded once: an
   * open-addressing table of up to {@code limit} strings; once full, new strings are decoded each
   * time (a feature with endless distinct values must not grow it without bound).
   */
  static final class Strings {
    private final int limit;
    private byte[][] keys;
    private int[] hashes;
    private String[] strings;
    private int size;

    Strings(int limit) {
      this.limit = limit;
      this.keys = new byte[64][];
      this.hashes = new int[64];
      this.strings = new String[64];
    }

    String get(byte[] bytes, int offset, int length) {
      int h = hash(bytes, offset, length);
      int mask = keys.length - 1;
      for (int slot = h & mask; keys[slot] != null; slot = (slot + 1) & mask) {
        if (hashes[slot] == h && equal(keys[slot], bytes, offset, length)) {
          return strings[slot];
        }
      }
      String s = new String(bytes, offset, length, StandardCharsets.UTF_8);
      if (size < limit) {
        if (2 * (size + 1) > keys.length) {
          grow();
        }
        insert(Arrays.copyOfRange(bytes, offset, offset + length), s, h);
        size++;
      }
      return s;
    }

    private static boolean equal(byte[] key, byte[] bytes, int offset, int length) {
      if (key.length != length) {
        return false;
      }
      // Names and categories are short: a loop beats the vectorized mismatch's set-up.
      for (int i = 0; i < length; i++) {
        if (key[i] != bytes[offset + i]) {
          return false;
        }
      }
      return true;
    }

    private static int hash(byte[] bytes, int offset, int length) {
      int h = 1;
      for (int i = offset; i < offset + length; i++) {
        h = 31 * h + bytes[i];
      }
      return h ^ (h >>> 16);
    }

    private void insert(byte[] key, String s, int h) {
      int mask = keys.length - 1;
      int slot = h & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      hashes[slot] = h;
      strings[slot] = s;
    }

    private void grow() {
      byte[][] oldKeys = keys;
      int[] oldHashes = hashes;
      String[] oldStrings = strings;
      keys = new byte[oldKeys.length * 2][];
      hashes = new int[oldKeys.length * 2];
      strings = new String[oldKeys.length * 2];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != null) {
          insert(oldKeys[i], oldStrings[i], oldHashes[i]);
        }
      }
    }
  }
}
