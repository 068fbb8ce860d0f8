package org.pbft.proofs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The link checker of {@code proofs-notes/}. A link is a whole single-backtick span of Markdown
 * in one of these forms:
 *
 * <ul>
 *   <li>{@code Module.tla!Name}, or {@code Module.tla!Name(args)} applied to arguments:
 *       {@code spec/} (searched recursively) holds exactly one
 *       {@code Module.tla}, and it defines {@code Name} at the start of a line ({@code Name ==} or
 *       {@code Name(...) ==}), in a {@code RECURSIVE} declaration, or in a {@code CONSTANT(S)} or
 *       {@code VARIABLE(S)} list;
 *   <li>{@code org.pbft.pkg.Class#member} or {@code org.pbft.pkg.Class}: the class loads (nested
 *       classes as {@code Outer.Inner}) and declares a method named {@code member}, whatever its
 *       visibility;
 *   <li>{@code spec/path}: the file or directory exists.
 * </ul>
 *
 * <p>A span that looks like a link but is not well formed (a space inside, a line break, a Java
 * {@code Class#member} without its package) is reported too, so that no link escapes the check.
 * Markdown links {@code [text](target.md#anchor)} to local files must resolve, anchors included.
 * Fenced code blocks are skipped.
 */
final class ProofLinks {

  /** A broken link: where it is, what it says, and why it does not resolve. */
  record Problem(String file, int line, String link, String reason) {
    @Override
    public String toString() {
      return file + ":" + line + ": `" + link + "`: " + reason;
    }
  }

  /** A link found in a note, with the line it starts on. */
  record Link(Kind kind, String text, int line) {}

  enum Kind { TLA, JAVA, SPEC_PATH, NOTE }

  /** {@code Module.tla!Name}, optionally applied: {@code PBFT.tla!Prepared(r, v, n, d)}. */
  private static final Pattern TLA = Pattern.compile(
      "([A-Za-z][A-Za-z0-9_]*)\\.tla!([A-Za-z_][A-Za-z0-9_]*)(?:\\([^()]*\\))?");
  /** A package under org.pbft, then classes (group 1), then optionally {@code #member} (2). */
  private static final Pattern JAVA = Pattern.compile("org\\.pbft(?:\\.[a-z][a-z0-9_]*)*"
      + "((?:\\.[A-Z][A-Za-z0-9_]*)+)(?:#([A-Za-z_][A-Za-z0-9_]*))?");
  private static final Pattern SPEC_PATH = Pattern.compile("spec/[A-Za-z0-9_./-]*");
  private static final Pattern UNQUALIFIED_JAVA =
      Pattern.compile("[A-Z][A-Za-z0-9_.]*#[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern NOTE_LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern DEFINITION =
      Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\([^)]*\\))?\\s*==");
  private static final Pattern RECURSIVE =
      Pattern.compile("^RECURSIVE\\s+([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern DECLARATION = Pattern.compile("^(?:CONSTANTS?|VARIABLES?)\\b(.*)$");
  private static final Pattern IDENTIFIER = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)");

  private final Path root;
  private final ClassLoader loader;
  /** Module name -> the names it defines, read once. */
  private final Map<String, Set<String>> modules = new HashMap<>();

  /**
   * @param root the project root: {@code spec/} and {@code proofs-notes/} are under it
   * @param loader loads the classes Java links name (main and test classes)
   */
  ProofLinks(Path root, ClassLoader loader) {
    this.root = root;
    this.loader = loader;
  }

  /** The project root from the system property {@code pbft.root}, else the working directory. */
  static Path projectRoot() {
    return Path.of(System.getProperty("pbft.root", System.getProperty("user.dir")))
        .toAbsolutePath().normalize();
  }

  /** Every {@code .md} file under {@code dir}, in a stable order. */
  static List<Path> notes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks every note under {@code dir}. */
  List<Problem> checkAll(Path dir) {
    List<Problem> problems = new ArrayList<>();
    for (Path note : notes(dir)) {
      problems.addAll(check(root.relativize(note).toString(), read(note), note.getParent()));
    }
    return problems;
  }

  /**
   * Checks the links of one note.
   *
   * @param file the name reported with each problem
   * @param markdown the note's text
   * @param dir the directory relative Markdown links start from
   */
  List<Problem> check(String file, String markdown, Path dir) {
    List<Problem> problems = new ArrayList<>();
    for (Scanned s : scan(markdown)) {
      String reason = s.malformed() != null ? s.malformed() : resolve(s.link(), markdown, dir);
      if (reason != null) {
        problems.add(new Problem(file, s.link().line(), s.link().text(), reason));
      }
    }
    return problems;
  }

  /** The well-formed links of a note, in order. */
  static List<Link> links(String markdown) {
    return scan(markdown).stream().filter(s -> s.malformed() == null).map(Scanned::link).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Scanning

  private record Scanned(Link link, String malformed) {}

  /** A paragraph (or table, or list) of the note outside fenced code, with its first line. */
  private record Block(String text, int firstLine) {}

  private static List<Scanned> scan(String markdown) {
    List<Scanned> found = new ArrayList<>();
    for (Block b : blocks(markdown)) {
      StringBuilder outsideSpans = new StringBuilder(b.text());
      String t = b.text();
      int i = 0;
      while (i < t.length()) {
        if (t.charAt(i) != '`') {
          i++;
          continue;
        }
        int run = runLength(t, i);
        int close = closingRun(t, i + run, run);
        if (close < 0) {
          i += run;
          continue;
        }
        int line = b.firstLine() + count(t, i, '\n');
        if (run == 1) {
          String content = t.substring(i + 1, close);
          classify(content, line).ifPresent(found::add);
        }
        for (int k = i; k < close + run; k++) {
          if (outsideSpans.charAt(k) != '\n') {
            outsideSpans.setCharAt(k, ' ');
          }
        }
        i = close + run;
      }
      Matcher m = NOTE_LINK.matcher(outsideSpans);
      while (m.find()) {
        String target = m.group(1);
        if (!target.contains(":")) {
          int line = b.firstLine() + count(t, m.start(), '\n');
          found.add(new Scanned(new Link(Kind.NOTE, target, line), null));
        }
      }
    }
    return found;
  }

  /** What a code span is: a link, a malformed link, or plain code (empty). */
  private static Optional<Scanned> classify(String content, int line) {
    boolean brokenAcrossLines = content.contains("\n");
    String text = content.replace('\n', ' ');
    Kind kind;
    if (text.contains(".tla!")) {
      kind = Kind.TLA;
    } else if (text.startsWith("org.pbft.")) {
      kind = Kind.JAVA;
    } else if (text.startsWith("spec/")) {
      kind = Kind.SPEC_PATH;
    } else if (UNQUALIFIED_JAVA.matcher(text).matches()) {
      return Optional.of(new Scanned(new Link(Kind.JAVA, text, line),
          "a Java link names its class with the package: org.pbft.pkg.Class#member"));
    } else {
      return Optional.empty();
    }
    Pattern form = switch (kind) {
      case TLA -> TLA;
      case JAVA -> JAVA;
      default -> SPEC_PATH;
    };
    String malformed = null;
    if (brokenAcrossLines) {
      malformed = "a link must not be broken across lines";
    } else if (!form.matcher(text).matches()) {
      malformed = switch (kind) {
        case TLA -> "not of the form Module.tla!Name or Module.tla!Name(args)";
        case JAVA -> "not of the form org.pbft.pkg.Class#member";
        default -> "not a plain path under spec/";
      };
    }
    return Optional.of(new Scanned(new Link(kind, text, line), malformed));
  }

  private static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    StringBuilder current = new StringBuilder();
    int first = -1;
    boolean fenced = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      boolean fence = trimmed.startsWith("```") || trimmed.startsWith("~~~");
      if (fenced || fence || trimmed.isEmpty()) {
        if (first >= 0) {
          blocks.add(new Block(current.toString(), first));
          current.setLength(0);
          first = -1;
        }
        if (fence) {
          fenced = !fenced;
        }
        continue;
      }
      if (first < 0) {
        first = i + 1;
      } else {
        current.append('\n');
      }
      current.append(line);
    }
    if (first >= 0) {
      blocks.add(new Block(current.toString(), first));
    }
    return blocks;
  }

  private static int runLength(String t, int from) {
    int end = from;
    while (end < t.length() && t.charAt(end) == '`') {
      end++;
    }
    return end - from;
  }

  /** The start of the next run of exactly {@code run} backticks at or after {@code from}. */
  private static int closingRun(String t, int from, int run) {
    int i = from;
    while (i < t.length()) {
      if (t.charAt(i) == '`') {
        int length = runLength(t, i);
        if (length == run) {
          return i;
        }
        i += length;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static int count(String t, int end, char c) {
    int n = 0;
    for (int i = 0; i < end; i++) {
      if (t.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // Resolving

  /** Why {@code link} does not resolve, or null if it does. */
  private String resolve(Link link, String markdown, Path dir) {
    return switch (link.kind()) {
      case TLA -> resolveTla(link.text());
      case JAVA -> resolveJava(link.text());
      case SPEC_PATH -> Files.exists(root.resolve(link.text())) ? null
          : "no such file or directory under the project root " + root;
      case NOTE -> resolveNote(link.text(), markdown, dir);
    };
  }

  private String resolveTla(String text) {
    Matcher m = TLA.matcher(text);
    if (!m.matches()) {
      throw new AssertionError(text);
    }
    String module = m.group(1);
    String name = m.group(2);
    List<Path> files = moduleFiles(module);
    if (files.isEmpty()) {
      return "no module " + module + ".tla under spec/";
    }
    if (files.size() > 1) {
      return "module " + module + ".tla is ambiguous: " + files;
    }
    Set<String> defined = modules.computeIfAbsent(module, k -> definitions(read(files.get(0))));
    return defined.contains(name) ? null
        : root.relativize(files.get(0)) + " defines no " + name
            + " (no line starting with `" + name + " ==`, no RECURSIVE, CONSTANT or VARIABLE)";
  }

  private List<Path> moduleFiles(String module) {
    Path spec = root.resolve("spec");
    if (!Files.isDirectory(spec)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(spec)) {
      return files.filter(p -> p.getFileName().toString().equals(module + ".tla"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The names a TLA+ module defines at its top level: operators defined at the start of a line,
   * RECURSIVE declarations, and the names of CONSTANT(S) and VARIABLE(S) lists.
   */
  static Set<String> definitions(String module) {
    Set<String> names = new LinkedHashSet<>();
    String[] lines = module.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher def = DEFINITION.matcher(line);
      if (def.find()) {
        names.add(def.group(1));
      }
      Matcher rec = RECURSIVE.matcher(line);
      if (rec.find()) {
        names.add(rec.group(1));
      }
      Matcher decl = DECLARATION.matcher(line);
      if (decl.matches()) {
        StringBuilder list = new StringBuilder(stripComment(decl.group(1)).strip());
        while ((list.length() == 0 || list.charAt(list.length() - 1) == ',')
            && i + 1 < lines.length) {
          i++;
          list.append(' ').append(stripComment(lines[i]).strip());
          list = new StringBuilder(list.toString().strip());
        }
        for (String item : splitTopLevel(list.toString())) {
          Matcher id = IDENTIFIER.matcher(item);
          if (id.find()) {
            names.add(id.group(1));
          }
        }
      }
    }
    return names;
  }

  private static String stripComment(String line) {
    String s = line.replaceAll("\\(\\*.*?\\*\\)", " ");
    int comment = s.indexOf("\\*");
    return comment >= 0 ? s.substring(0, comment) : s;
  }

  /** Splits on commas outside parentheses ({@code CONSTANT F(_, _), G}). */
  private static List<String> splitTopLevel(String list) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(list.substring(start, i));
        start = i + 1;
      }
    }
    items.add(list.substring(start));
    return items;
  }

  private String resolveJava(String text) {
    Matcher m = JAVA.matcher(text);
    if (!m.matches()) {
      throw new AssertionError(text);
    }
    String packageName = text.substring(0, m.start(1));
    String binaryName = packageName + "." + String.join("$", m.group(1).substring(1).split("\\."));
    String member = m.group(2);
    Class<?> type;
    try {
      type = Class.forName(binaryName, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return "no class " + binaryName + " on the test classpath";
    }
    if (member == null) {
      return null;
    }
    boolean declared = Arrays.stream(type.getDeclaredMethods())
        .map(Method::getName)
        .anyMatch(member::equals);
    return declared ? null : type.getName() + " declares no method " + member;
  }

  private String resolveNote(String target, String markdown, Path dir) {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    String text = markdown;
    if (!file.isEmpty()) {
      Path p = dir.resolve(file).normalize();
      if (!Files.exists(p)) {
        return "no such file " + p;
      }
      if (anchor == null) {
        return null;
      }
      if (!file.endsWith(".md")) {
        return "an anchor is only checked in a Markdown file";
      }
      text = read(p);
    }
    if (anchor == null) {
      return null;
    }
    return anchors(text).contains(anchor) ? null
        : "no heading with the anchor #" + anchor + " in " + (file.isEmpty() ? "this note" : file);
  }

  /** The GitHub anchors of a note's headings. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
        fenced = !fenced;
        continue;
      }
      if (!fenced && line.startsWith("#")) {
        String heading = line.replaceFirst("^#+\\s*", "").strip();
        anchors.add(heading.toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N} _-]", "")
            .replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The distinct texts of the links of every note under {@code dir}, by kind. */
  static Map<Kind, Set<String>> linksByKind(Path dir) {
    return notes(dir).stream()
        .flatMap(p -> links(read(p)).stream())
        .collect(Collectors.groupingBy(Link::kind,
            Collectors.mapping(Link::text, Collectors.toCollection(LinkedHashSet::new))));
  }
}
