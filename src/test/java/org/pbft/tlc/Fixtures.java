package org.pbft.tlc;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The fixture specs of src/test/resources/tlc/fixtures, as files TLC can read. */
final class Fixtures {
  private Fixtures() {}

  static Path dir() {
    URL url = Fixtures.class.getResource("/tlc/fixtures/Tiny.cfg");
    if (url == null) {
      throw new IllegalStateException("test resources tlc/fixtures are not on the class path");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path cfg(String name) {
    return dir().resolve(name);
  }
}
