package dev.modelmonitor.notifier.channel;

/**
 * A failed delivery attempt. A permanent failure (a 4xx answer, a rejected address) is not
 * retried: it goes to the dead-letter topic at once.
 */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean permanent;

  public DeliveryException(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  public DeliveryException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public boolean isPermanent() {
    return permanent;
  }
}
