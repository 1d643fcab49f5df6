package dev.modelmonitor.notifier.config;

/**
 * A notifier configuration that cannot be used; the message names the receiver or route and the
 * field, and says what would be accepted.
 */
public final class NotifierConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotifierConfigException(String message) {
    super(message);
  }

  public NotifierConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
