package org.pbft.tlc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Counts the behaviours and distinct states of a TLC simulation, which TLC 2.18 does not report
 * (it prints "-1 distinct states"). TLC writes each behaviour it generates as a module of its own
 * ({@code -simulate file=}); this class reads every finished one, remembers a digest of each
 * state's text and deletes the file, so that a long simulation does not fill the disk. TLC prints
 * a value in one normal form (sets sorted, functions by domain), so equal states have equal
 * text. Symmetry does not apply: states that differ only by a permutation count apart.
 */
final class BehaviourCounter {
  private static final Pattern STATE = Pattern.compile("(?m)^STATE_\\d+ ==\\s*$");
  private static final String END = "=====";
  private static final Pattern END_LINE = Pattern.compile("(?m)^=+\\s*$");

  private final Path dir;
  private final Set<String> states = new HashSet<>();
  private long behaviours;

  BehaviourCounter(Path dir) {
    this.dir = dir;
  }

  /** Reads the behaviours written completely so far; {@code all} also takes unfinished ones. */
  synchronized void collect(boolean all) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!all && !text.stripTrailing().endsWith(END)) {
          continue; // TLC is still writing it
        }
        String[] parts = STATE.split(text);
        for (int i = 1; i < parts.length; i++) {
          states.add(digest(END_LINE.matcher(parts[i]).replaceAll("").replaceAll("\\s+", " ")
              .trim()));
        }
        behaviours++;
        Files.delete(file);
      }
    }
  }

  synchronized long behaviours() {
    return behaviours;
  }

  synchronized long distinctStates() {
    return states.size();
  }

  private static String digest(String state) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(state.getBytes(StandardCharsets.UTF_8));
      return new String(d, 0, 16, StandardCharsets.ISO_8859_1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
