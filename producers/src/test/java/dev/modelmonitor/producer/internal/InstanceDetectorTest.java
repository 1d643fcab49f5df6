package dev.modelmonitor.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.producer.testing.Fixtures;
import dev.modelmonitor.schema.Instance;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceDetectorTest {
  private static Path fixture(String name) {
    return Fixtures.cgroupRoot(name);
  }

  @Test
  void usesThePodNameAndDownwardApiWhenInKubernetes() {
    Instance instance =
        InstanceDetector.detect(
            fixture("v1-k8s"),
            Map.of(
                "POD_NAME", "churn-7d9f-x2k4p",
                "POD_NAMESPACE", "ml",
                "NODE_NAME", "node-3",
                "HOSTNAME", "churn-7d9f-x2k4p"),
            "registry.example/churn:3");
    assertThat(instance)
        .isEqualTo(
            new Instance(
                "churn-7d9f-x2k4p",
                "churn-7d9f-x2k4p",
                "c0ffee00112233445566778899aabbccddeeff00112233445566778899aabbcc",
                "churn-7d9f-x2k4p",
                "ml",
                "node-3",
                "registry.example/churn:3"));
  }

  @Test
  void usesTheShortContainerIdFromMountinfoUnderCgroupV2() {
    Instance instance = InstanceDetector.detect(fixture("v2"), Map.of("HOSTNAME", "a3f5c2d1e4b6"), null);
    assertThat(instance)
        .isEqualTo(
            new Instance(
                "a3f5c2d1e4b6",
                "a3f5c2d1e4b6",
                "a3f5c2d1e4b6978812345678901234567890abcdefabcdef0123456789abcdef",
                null, null, null, null));
  }

  @Test
  void usesTheContainerIdFromTheCgroupFileUnderCgroupV1() {
    Instance instance = InstanceDetector.detect(fixture("v1"), Map.of(), null);
    assertThat(instance.getId()).isEqualTo("9b1f2e3d4c5a");
    assertThat(instance.getContainerId())
        .isEqualTo("9b1f2e3d4c5a69788796a5b4c3d2e1f0a1b2c3d4e5f60718293a4b5c6d7e8f90");
    assertThat(instance.getHostname()).isNull();
  }

  @Test
  void fallsBackToTheKernelHostnameOutsideContainers() {
    Instance instance = InstanceDetector.detect(fixture("none"), Map.of("POD_NAMESPACE", " "), null);
    assertThat(instance).isEqualTo(new Instance("bare-metal-7", "bare-metal-7", null, null, null, null, null));
  }

  @Test
  void saysUnknownWhenNothingIsKnown(@org.junit.jupiter.api.io.TempDir Path empty) {
    assertThat(InstanceDetector.detect(empty, Map.of(), null))
        .isEqualTo(new Instance("unknown", null, null, null, null, null, null));
  }
}
