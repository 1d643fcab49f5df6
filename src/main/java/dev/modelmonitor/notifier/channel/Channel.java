package dev.modelmonitor.notifier.channel;

/**
 * Delivers notifications to one receiver. {@link #send} blocks until the receiver accepted the
 * message or failed; the dispatcher runs it on the receiver's own threads, bounds it by the
 * receiver's timeout and retries it.
 */
public interface Channel extends AutoCloseable {

  /**
   * Sends one notification.
   *
   * @throws DeliveryException when the receiver refused or could not be reached
   * @throws InterruptedException when the attempt was cancelled (timeout or shutdown)
   */
  void send(Notification notification) throws DeliveryException, InterruptedException;

  @Override
  default void close() {}
}
