package dev.modelmonitor.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = ModelMonitorCli.class.getPackage().getImplementationVersion();
    return new String[] {"model-monitor " + (version == null ? "development build" : version)};
  }
}
