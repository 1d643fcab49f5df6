package dev.modelmonitor.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerIdsTest {
  private static final String ID = "a3f5c2d1e4b6978812345678901234567890abcdefabcdef0123456789abcdef";

  @Test
  void readsDockerCgroupV1Path() {
    assertThat(ContainerIds.fromCgroup(List.of("12:memory:/docker/" + ID, "0::/"))).isEqualTo(ID);
  }

  @Test
  void readsSystemdScopesOfDockerContainerdCrioAndPodman() {
    for (String scope : List.of("docker-", "cri-containerd-", "crio-", "libpod-")) {
      String line = "0::/system.slice/" + scope + ID + ".scope";
      assertThat(ContainerIds.fromCgroup(List.of(line))).as(scope).isEqualTo(ID);
    }
  }

  @Test
  void readsKubernetesCgroupfsAndSystemdPaths() {
    assertThat(
            ContainerIds.fromCgroup(
                List.of("11:memory:/kubepods/burstable/pod8d5b3a1e-2f4c-4b7a-9e61-0c2d4f6a8b10/" + ID)))
        .isEqualTo(ID);
    assertThat(
            ContainerIds.fromCgroup(
                List.of(
                    "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod8d5b.slice/"
                        + "cri-containerd-" + ID + ".scope")))
        .isEqualTo(ID);
  }

  @Test
  void findsNoIdOnAHostOrInAPrivateCgroupNamespace() {
    assertThat(ContainerIds.fromCgroup(List.of("0::/"))).isNull();
    assertThat(ContainerIds.fromCgroup(List.of("0::/user.slice/user-1000.slice/session-3.scope")))
        .isNull();
    assertThat(ContainerIds.fromCgroup(List.of())).isNull();
  }

  @Test
  void readsDockerAndPodmanHostnameMountsInMountinfo() {
    assertThat(
            ContainerIds.fromMountinfo(
                List.of(
                    "737 736 0:67 / /proc rw,nosuid - proc proc rw",
                    "746 736 254:1 /docker/containers/" + ID
                        + "/hostname /etc/hostname rw,relatime - ext4 /dev/vda1 rw")))
        .isEqualTo(ID);
    assertThat(
            ContainerIds.fromMountinfo(
                List.of(
                    "1093 1071 0:112 /containers/storage/overlay-containers/" + ID
                        + "/userdata/hostname /etc/hostname rw,nosuid - tmpfs tmpfs rw")))
        .isEqualTo(ID);
  }

  @Test
  void ignoresKubeletContainerNamesAndOverlayLayerIdsInMountinfo() {
    assertThat(
            ContainerIds.fromMountinfo(
                List.of(
                    "900 880 8:1 /var/lib/kubelet/pods/8d5b/containers/model/0a1b2c3d /dev/termination-log rw - ext4 /dev/sda1 rw",
                    "736 705 0:64 / / rw - overlay overlay rw,upperdir=/var/lib/docker/overlay2/" + ID + "/diff")))
        .isNull();
  }
}
