package dev.modelmonitor.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.producer.testing.Fixtures;
import dev.modelmonitor.producer.testing.ManualClock;
import dev.modelmonitor.schema.ResourceSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceSamplerTest {
  @TempDir Path temp;

  @Test
  void cgroupV2GivesCoresFromUsageDeltasAndLimitsFromCpuMaxAndMemoryMax() throws IOException {
    Path root = copy("v2");
    ManualClock clock = new ManualClock();
    ResourceSampler sampler = ResourceSampler.detect(root, clock);

    ResourceSample first = sampler.sample();
    assertThat(first).isEqualTo(new ResourceSample("v2", null, 1.5, 268435456L, 536870912L, null));

    // 3 s of CPU in 2 s of wall time: 1.5 cores.
    Files.writeString(root.resolve("sys/fs/cgroup/cpu.stat"), "usage_usec 7000000\nuser_usec 5000000\n");
    clock.advance(Duration.ofSeconds(2));
    assertThat(sampler.sample().getCpuCoresUsed()).isEqualTo(1.5);
  }

  @Test
  void cgroupV2MaxMeansUnlimitedAndFilesComeFromTheProcessOwnCgroup() throws IOException {
    Path root = copy("v2-unlimited");
    ManualClock clock = new ManualClock();
    ResourceSampler sampler = ResourceSampler.detect(root, clock);
    sampler.sample();
    Files.writeString(
        root.resolve("sys/fs/cgroup/system.slice/model.service/cpu.stat"), "usage_usec 1250000\n");
    clock.advance(Duration.ofSeconds(4));
    assertThat(sampler.sample()).isEqualTo(new ResourceSample("v2", 0.25, null, 73400320L, null, null));
  }

  @Test
  void cgroupV1ReadsCpuacctCfsQuotaAndTreatsAHugeMemoryLimitAsUnlimited() throws IOException {
    Path root = copy("v1");
    ManualClock clock = new ManualClock();
    ResourceSampler sampler = ResourceSampler.detect(root, clock);
    assertThat(sampler.sample()).isEqualTo(new ResourceSample("v1", null, 2.0, 104857600L, null, null));
    Files.writeString(root.resolve("sys/fs/cgroup/cpu,cpuacct/cpuacct.usage"), "2500000000\n");
    clock.advance(Duration.ofSeconds(5));
    assertThat(sampler.sample().getCpuCoresUsed()).isEqualTo(0.1);
  }

  @Test
  void cgroupV1InKubernetesReadsTheOwnCgroupAndNoQuotaMeansUnlimited() {
    ResourceSampler sampler = ResourceSampler.detect(Fixtures.cgroupRoot("v1-k8s"), new ManualClock());
    assertThat(sampler.sample())
        .isEqualTo(new ResourceSample("v1", null, null, 314572800L, 1073741824L, null));
  }

  @Test
  void withoutCgroupsEveryFigureIsUnknown() {
    ResourceSampler sampler = ResourceSampler.detect(Fixtures.cgroupRoot("none"), new ManualClock());
    assertThat(sampler.cgroupVersion()).isEqualTo("unknown");
    assertThat(sampler.sample()).isEqualTo(new ResourceSample("unknown", null, null, null, null, null));
  }

  @Test
  void unreadableFilesGiveNullsNotErrors() throws IOException {
    Path root = copy("v2");
    Files.writeString(root.resolve("sys/fs/cgroup/memory.current"), "garbage\n");
    Files.delete(root.resolve("sys/fs/cgroup/cpu.max"));
    assertThat(ResourceSampler.detect(root, new ManualClock()).sample())
        .isEqualTo(new ResourceSample("v2", null, null, null, 536870912L, null));
  }

  private Path copy(String name) throws IOException {
    Path source = Fixtures.cgroupRoot(name);
    Path target = temp.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path dest = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
    return target;
  }
}
