package dev.modelmonitor.local;

/** A port the local cluster was asked to listen on is taken by another process. */
public final class PortInUseException extends IllegalStateException {
  private final String what;
  private final int port;

  public PortInUseException(String what, int port) {
    super(what + " port " + port + " is already in use by another process");
    this.what = what;
    this.port = port;
  }

  /** Which listener wanted the port, for example {@code Kafka} or {@code schema registry}. */
  public String what() {
    return what;
  }

  public int port() {
    return port;
  }
}
