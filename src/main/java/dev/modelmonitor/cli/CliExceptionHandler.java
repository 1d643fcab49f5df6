package dev.modelmonitor.cli;

import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line that says what is wrong, instead of a
 * stack trace; {@code MM_DEBUG=1} prints the trace too. Commands with their own exit-code
 * contract (such as {@code check}) handle their errors before this.
 */
final class CliExceptionHandler implements CommandLine.IExecutionExceptionHandler {
  static final int EXIT_ERROR = 1;
  static final int EXIT_USAGE = 2;

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    Progress.endOpenLine();
    commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + message));
    if (System.getenv("MM_DEBUG") != null) {
      ex.printStackTrace(commandLine.getErr());
    }
    return ex instanceof UsageException ? EXIT_USAGE : EXIT_ERROR;
  }
}
