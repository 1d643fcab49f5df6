package dev.modelmonitor.producer.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The fixture host roots under {@code src/test/resources/cgroup}: v1, v1-k8s, v2, v2-unlimited, none. */
public final class Fixtures {
  private Fixtures() {}

  public static Path cgroupRoot(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/cgroup/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
