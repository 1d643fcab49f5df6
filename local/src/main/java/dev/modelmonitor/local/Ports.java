package dev.modelmonitor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free-port lookup and the "is it taken" check done before starting anything. */
final class Ports {
  private Ports() {}

  /** A port that was free a moment ago on the loopback interface. */
  static int free() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  /** {@code port}, or a free one when it is 0; throws when {@code port} is taken. */
  static int resolve(String what, int port) {
    if (port == 0) {
      return free();
    }
    requireFree(what, port);
    return port;
  }

  /**
   * Fails with a clear message when something listens on {@code port}, rather than letting the
   * broker or the HTTP server fail later with a bind error deep in a stack trace.
   */
  static void requireFree(String what, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new PortInUseException(what, port);
    }
  }
}
