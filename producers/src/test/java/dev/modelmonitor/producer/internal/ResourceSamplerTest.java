package dev.modelmonitor.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.producer.testing.Fixtures;
import dev.modelmonitor.schema.ResourceSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceSamplerTest {
  @TempDir Path temp;
  /** The monotonic clock the samplers read, moved by hand. */
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private ResourceSampler sampler(Path root) {
    return ResourceSampler.detect(root, nanos::get);
  }

  @Test
  void cgroupV2GivesCoresFromUsageDeltasAndLimitsFromCpuMaxAndMemoryMax() throws IOException {
    Path root = copy("v2");
    ResourceSampler sampler = sampler(root);

    ResourceSample first = sampler.sample();
    assertThat(first).isEqualTo(new ResourceSample("v2", null, 1.5, 268435456L, 536870912L, null));

    // 3 s of CPU in 2 s: 1.5 cores.
    Files.writeString(root.resolve("sys/fs/cgroup/cpu.stat"), "usage_usec 7000000\nuser_usec 5000000\n");
    advance(Duration.ofSeconds(2));
    assertThat(sampler.sample().getCpuCoresUsed()).isEqualTo(1.5);
  }

  @Test
  void cgroupV2MaxMeansUnlimitedAndFilesComeFromTheProcessOwnCgroup() throws IOException {
    Path root = copy("v2-unlimited");
    ResourceSampler sampler = sampler(root);
    sampler.sample();
    Files.writeString(
        root.resolve("sys/fs/cgroup/system.slice/model.service/cpu.stat"), "usage_usec 1250000\n");
    advance(Duration.ofSeconds(4));
    assertThat(sampler.sample()).isEqualTo(new ResourceSample("v2", 0.25, null, 73400320L, null, null));
  }

  @Test
  void cgroupV1ReadsCpuacctCfsQuotaAndTreatsAHugeMemoryLimitAsUnlimited() throws IOException {
    Path root = copy("v1");
    ResourceSampler sampler = sampler(root);
    assertThat(sampler.sample()).isEqualTo(new ResourceSample("v1", null, 2.0, 104857600L, null, null));
    Files.writeString(root.resolve("sys/fs/cgroup/cpu,cpuacct/cpuacct.usage"), "2500000000\n");
    advance(Duration.ofSeconds(5));
    assertThat(sampler.sample().getCpuCoresUsed()).isEqualTo(0.1);
  }

  @Test
  void cgroupV1InKubernetesReadsTheOwnCgroupAndNoQuotaMeansUnlimited() {
    assertThat(sampler(Fixtures.cgroupRoot("v1-k8s")).sample())
        .isEqualTo(new ResourceSample("v1", null, null, 314572800L, 1073741824L, null));
  }

  @Test
  void onAHybridHostTheV1ControllersWinAndMemoryComesFromTheProcessCgroupNotTheRoot() {
    ResourceSampler sampler = sampler(Fixtures.cgroupRoot("hybrid"));
    assertThat(sampler.cgroupVersion()).isEqualTo("v1");
    assertThat(sampler.sample())
        .isEqualTo(new ResourceSample("v1", null, null, 169656320L, 4294967296L, null));
  }

  @Test
  void withoutCgroupsEveryFigureIsUnknown() {
    ResourceSampler sampler = sampler(Fixtures.cgroupRoot("none"));
    assertThat(sampler.cgroupVersion()).isEqualTo("unknown");
    assertThat(sampler.sample()).isEqualTo(new ResourceSample("unknown", null, null, null, null, null));
  }

  @Test
  void assumesTheStandardLayoutWhenMountinfoListsNoCgroup() throws IOException {
    Path root = copy("v2");
    Files.delete(root.resolve("proc/self/mountinfo"));
    assertThat(sampler(root).sample())
        .isEqualTo(new ResourceSample("v2", null, 1.5, 268435456L, 536870912L, null));
  }

  @Test
  void unreadableFilesGiveNullsNotErrors() throws IOException {
    Path root = copy("v2");
    Files.writeString(root.resolve("sys/fs/cgroup/memory.current"), "garbage\n");
    Files.delete(root.resolve("sys/fs/cgroup/cpu.max"));
    assertThat(sampler(root).sample())
        .isEqualTo(new ResourceSample("v2", null, null, null, 536870912L, null));
  }

  @Test
  void joinsMountRootAndCgroupPathAsTheJdkDoes() {
    Path mnt = temp;
    CgroupMounts.Mount hostView = new CgroupMounts.Mount("/", mnt, java.util.Set.of("memory"), false);
    CgroupMounts.Mount containerView = new CgroupMounts.Mount("/docker/abc", mnt, java.util.Set.of("memory"), false);
    assertThat(CgroupMounts.join(containerView, "/docker/abc")).isEqualTo(mnt);
    assertThat(CgroupMounts.join(hostView, "/")).isEqualTo(mnt);
    // A directory that is not there falls back to the mount point.
    assertThat(CgroupMounts.join(hostView, "/not/there")).isEqualTo(mnt);
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
