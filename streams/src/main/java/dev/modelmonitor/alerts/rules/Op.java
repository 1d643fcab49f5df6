package dev.modelmonitor.alerts.rules;

import dev.modelmonitor.schema.Comparator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a rule compares what it observes with its threshold ({@code > >= < <= == !=}) or with its
 * value set ({@code in}, {@code not in}), as written in a rules file.
 */
public enum Op {
  GT(">", Comparator.GT),
  GE(">=", Comparator.GE),
  LT("<", Comparator.LT),
  LE("<=", Comparator.LE),
  EQ("==", Comparator.EQ),
  NE("!=", Comparator.NE),
  IN("in", Comparator.IN),
  NOT_IN("not in", Comparator.NOT_IN);

  private final String symbol;
  private final Comparator avro;

  Op(String symbol, Comparator avro) {
    this.symbol = symbol;
    this.avro = avro;
  }

  /** As written in a rules file: {@code >}, {@code not in}, … */
  public String symbol() {
    return symbol;
  }

  public Comparator toAvro() {
    return avro;
  }

  public static Op fromAvro(Comparator comparator) {
    for (Op op : values()) {
      if (op.avro == comparator) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown comparator " + comparator);
  }

  /** The operator written as {@code text} (its symbol, case-insensitive, blanks collapsed). */
  public static Optional<Op> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return Arrays.stream(values()).filter(op -> op.symbol.equals(s)).findFirst();
  }

  /** Every symbol, for messages. */
  public static List<String> symbols() {
    return Arrays.stream(values()).map(Op::symbol).toList();
  }

  /** Whether this operator compares with a set of values rather than a threshold. */
  public boolean takesValueSet() {
    return this == IN || this == NOT_IN;
  }

  /** Whether it is an equality test ({@code ==}, {@code !=}, {@code in}, {@code not in}). */
  public boolean isEquality() {
    return this == EQ || this == NE || this == IN || this == NOT_IN;
  }

  /** {@code observed op threshold}. */
  public boolean test(double observed, double threshold) {
    return switch (this) {
      case GT -> observed > threshold;
      case GE -> observed >= threshold;
      case LT -> observed < threshold;
      case LE -> observed <= threshold;
      case EQ -> observed == threshold;
      case NE -> observed != threshold;
      case IN, NOT_IN -> throw new IllegalStateException(symbol + " needs a value set");
    };
  }

  /** {@code observed op values} for a text metric; EQ and NE compare with the only value. */
  public boolean test(String observed, List<String> values) {
    return switch (this) {
      case EQ, IN -> values.contains(observed);
      case NE, NOT_IN -> !values.contains(observed);
      default -> throw new IllegalStateException(symbol + " compares numbers, not text");
    };
  }
}
