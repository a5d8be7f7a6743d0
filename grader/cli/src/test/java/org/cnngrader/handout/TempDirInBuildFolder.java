package org.cnngrader.handout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary folders in the module's target/ rather than the machine's temporary folder: the
 * fixtures that handout tests copy and unzip then never lie outside the repository, where the
 * hostile zoo's file-system search would take them for other copies on the machine.
 */
public final class TempDirInBuildFolder implements TempDirFactory {

  @Override
  public Path createTempDirectory(
      AnnotatedElementContext elementContext, ExtensionContext extensionContext)
      throws IOException {
    Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
    return Files.createTempDirectory(target, "handout-test-");
  }
}
