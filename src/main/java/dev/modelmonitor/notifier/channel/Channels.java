package dev.modelmonitor.notifier.channel;

import dev.modelmonitor.notifier.config.ChannelSettings;
import dev.modelmonitor.notifier.config.ReceiverConfig;
import java.time.Clock;

/** Builds the channel of a receiver from its settings. */
public final class Channels {
  private Channels() {}

  public static Channel create(ReceiverConfig receiver, Clock clock) {
    ChannelSettings settings = receiver.settings();
    if (settings instanceof ChannelSettings.Log log) {
      return new LogChannel(log, System.out);
    } else if (settings instanceof ChannelSettings.Webhook webhook) {
      return new WebhookChannel(webhook, new HttpPost(receiver.timeout()));
    } else if (settings instanceof ChannelSettings.Slack slack) {
      return new SlackChannel(slack, new HttpPost(receiver.timeout()));
    } else if (settings instanceof ChannelSettings.Email email) {
      return new EmailChannel(email, receiver.timeout());
    } else if (settings instanceof ChannelSettings.Alertmanager am) {
      return new AlertmanagerChannel(am, new HttpPost(receiver.timeout()), receiver.repeatInterval(), clock);
    }
    throw new IllegalArgumentException("no channel for " + settings);
  }
}
