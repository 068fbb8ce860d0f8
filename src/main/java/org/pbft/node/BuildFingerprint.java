package org.pbft.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The SHA-256 of the compiled classes that decide what replaying a data directory produces: the
 * protocol core, the service, the wire format, the cryptography, the configuration and this
 * package. Replaying a log with other classes could rebuild another state than the one the
 * replica had (a changed rule would make it contradict what it sent), and a snapshot written by
 * other classes may not even read back; so a data directory is used only by the build that wrote
 * it.
 */
final class BuildFingerprint {
  private static final List<String> PACKAGES = List.of("org/pbft/core/", "org/pbft/service/",
      "org/pbft/wire/", "org/pbft/crypto/", "org/pbft/config/", "org/pbft/node/");
  private static volatile String cached;

  private BuildFingerprint() {}

  static String current() {
    String f = cached;
    if (f == null) {
      f = compute();
      cached = f;
    }
    return f;
  }

  private static String compute() {
    URL location = BuildFingerprint.class.getProtectionDomain().getCodeSource().getLocation();
    Map<String, byte[]> classes = new TreeMap<>();
    try {
      Path root = Path.of(location.toURI());
      if (Files.isDirectory(root)) {
        for (String pkg : PACKAGES) {
          Path dir = root.resolve(pkg);
          if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
              for (Path p : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                classes.put(root.relativize(p).toString().replace('\\', '/'),
                    Files.readAllBytes(p));
              }
            }
          }
        }
      } else {
        try (JarFile jar = new JarFile(root.toFile())) {
          for (JarEntry e : java.util.Collections.list(jar.entries())) {
            if (e.getName().endsWith(".class")
                && PACKAGES.stream().anyMatch(e.getName()::startsWith)) {
              try (InputStream in = jar.getInputStream(e)) {
                classes.put(e.getName(), in.readAllBytes());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the classes of this build", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the classes of this build: " + location, e);
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      classes.forEach((name, bytes) -> {
        sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(bytes);
      });
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
