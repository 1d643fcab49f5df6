package dev.modelmonitor.notifier;

import dev.modelmonitor.notifier.channel.Channel;
import dev.modelmonitor.notifier.channel.DeliveryException;
import dev.modelmonitor.notifier.channel.Notification;
import dev.modelmonitor.notifier.config.ReceiverConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A configured receiver at run time: its channel and its own threads, so a slow or dead receiver
 * never holds up the others.
 */
final class Receiver implements AutoCloseable {
  /** Concurrent sends per receiver. */
  static final int THREADS = 4;

  private final ReceiverConfig config;
  private final Channel channel;
  private final ExecutorService executor;

  Receiver(ReceiverConfig config, Channel channel) {
    this.config = config;
    this.channel = channel;
    this.executor = Executors.newFixedThreadPool(THREADS, threads("notifier-" + config.name()));
  }

  String name() {
    return config.name();
  }

  ReceiverConfig config() {
    return config;
  }

  /**
   * One attempt, failed with a retryable {@link DeliveryException} if it takes longer than the
   * receiver's timeout (the sending thread is then interrupted).
   */
  CompletableFuture<Void> send(Notification n, ScheduledExecutorService scheduler) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Future<?> task;
    try {
      task =
          executor.submit(
              () -> {
                try {
                  channel.send(n);
                  done.complete(null);
                } catch (Throwable t) {
                  done.completeExceptionally(t);
                }
              });
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(e);
      return done;
    }
    try {
      ScheduledFuture<?> timer =
          scheduler.schedule(
              () -> {
                if (done.completeExceptionally(
                    new DeliveryException("no answer within " + config.timeout(), false))) {
                  task.cancel(true);
                }
              },
              config.timeout().toMillis(),
              TimeUnit.MILLISECONDS);
      done.whenComplete((v, e) -> timer.cancel(false));
    } catch (RejectedExecutionException e) {
      task.cancel(true);
      done.completeExceptionally(e);
    }
    return done;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    channel.close();
  }

  static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
