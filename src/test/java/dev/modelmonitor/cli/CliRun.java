package dev.modelmonitor.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/** One in-process run of the CLI, its output and exit code. */
final class CliRun {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  private final AtomicInteger exitCode = new AtomicInteger(Integer.MIN_VALUE);
  private Thread thread;

  /** Runs to completion and returns the exit code. */
  static CliRun run(String... args) {
    CliRun run = new CliRun();
    run.exitCode.set(run.commandLine().execute(args));
    return run;
  }

  /** Runs in a thread of its own, for commands that keep running ({@code local}). */
  static CliRun startInBackground(String... args) {
    CliRun run = new CliRun();
    CommandLine cli = run.commandLine();
    run.thread = new Thread(() -> run.exitCode.set(cli.execute(args)), "cli-" + args[0]);
    run.thread.start();
    return run;
  }

  private CommandLine commandLine() {
    CommandLine cli = ModelMonitorCli.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }

  /** Interrupts a background run, as Ctrl+C would stop it, and waits for it to return. */
  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }

  boolean finished() {
    return exitCode.get() != Integer.MIN_VALUE;
  }

  int exitCode() {
    return exitCode.get();
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** The value after {@code label} on the output line that starts with it. */
  String outputValue(String label) {
    return out()
        .lines()
        .filter(line -> line.startsWith(label))
        .map(line -> line.substring(label.length()).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with " + label + " in:\n" + out()));
  }
}
