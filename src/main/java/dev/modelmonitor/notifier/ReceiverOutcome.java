package dev.modelmonitor.notifier;

/**
 * What became of an alert at one receiver: delivered, or given up after {@code attempts} with
 * {@code error} (then it belongs in the dead-letter topic).
 */
public record ReceiverOutcome(String receiver, boolean delivered, int attempts, String error) {

  static ReceiverOutcome delivered(String receiver, int attempts) {
    return new ReceiverOutcome(receiver, true, attempts, null);
  }

  static ReceiverOutcome failed(String receiver, int attempts, String error) {
    return new ReceiverOutcome(receiver, false, attempts, error);
  }
}
