/**
 * The channels a notification travels by: log, signed JSON webhook ({@link
 * dev.modelmonitor.notifier.channel.AlertJson} is its documented body), Slack incoming webhook,
 * SMTP e-mail and the Prometheus Alertmanager API v2.
 */
package dev.modelmonitor.notifier.channel;
