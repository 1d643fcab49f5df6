package dev.modelmonitor.cli;

import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RuleParser;
import dev.modelmonitor.alerts.rules.RuleValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a rules file for a command; on any problem prints every one and says nothing was applied. */
final class RulesFile {
  private RulesFile() {}

  /** The file's rules, or null after printing why there are none to {@code err}. */
  static List<Rule> read(Path file, PrintWriter err) {
    try {
      if (Files.isDirectory(file)) {
        err.println("error: " + file + " is a directory; give a rules YAML file");
        return null;
      }
      return RuleParser.parse(file);
    } catch (NoSuchFileException e) {
      err.println("error: rules file " + file + " does not exist");
      return null;
    } catch (IOException e) {
      err.println("error: cannot read rules file " + file + ": " + e.getMessage());
      return null;
    } catch (RuleValidationException e) {
      err.println("error: " + file + " has " + e.problems().size() + " problem"
          + (e.problems().size() == 1 ? "" : "s") + "; nothing was applied:");
      for (String problem : e.problems()) {
        err.println("  " + problem);
      }
      return null;
    } finally {
      err.flush();
    }
  }
}
