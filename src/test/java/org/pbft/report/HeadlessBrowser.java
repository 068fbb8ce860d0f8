package org.pbft.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a page in Debian's headless {@code chromium} and measures every SVG label: a label
 * whose box reaches outside its SVG's box is clipped (an inline SVG does not draw outside its
 * viewport). The measuring script is added to a copy of the page; it writes its findings into
 * the DOM, which {@code --dump-dom} prints once the page has run its scripts.
 */
public final class HeadlessBrowser {
  /** Labels measured and the ones found clipped ("svg-id: text"). */
  public record LabelCheck(int labels, List<String> clipped) {}

  private static final String SCRIPT = """
      <script>
      (function(){const clipped=[];let labels=0;
      for(const svg of document.querySelectorAll('svg')){const s=svg.getBoundingClientRect();
      for(const t of svg.querySelectorAll('text')){const r=t.getBoundingClientRect();
      if(r.width===0&&r.height===0)continue;labels++;
      if(r.left<s.left-0.5||r.right>s.right+0.5||r.top<s.top-0.5||r.bottom>s.bottom+0.5)
      clipped.push((svg.id||'svg')+': '+t.textContent);}}
      const p=document.createElement('pre');p.id='label-check';
      p.textContent=JSON.stringify({labels:labels,clipped:clipped});
      document.body.appendChild(p);})();
      </script>
      """;
  private static final Pattern RESULT = Pattern.compile(
      "<pre id=\"label-check\">\\{\"labels\":(\\d+),\"clipped\":\\[(.*?)\\]\\}</pre>",
      Pattern.DOTALL);
  private static final Pattern ITEM = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final String executable;

  private HeadlessBrowser(String executable) {
    this.executable = executable;
  }

  /**
   * The browser, or an AssertionError saying how to install it: a check that cannot run must
   * not pass silently.
   */
  public static HeadlessBrowser find() {
    String named = System.getenv("PBFT_CHROMIUM");
    List<String> candidates = named != null ? List.of(named)
        : List.of("chromium", "chromium-browser", "google-chrome");
    for (String c : candidates) {
      if (c.contains(File.separator) ? Files.isExecutable(Path.of(c)) : onPath(c)) {
        return new HeadlessBrowser(c);
      }
    }
    throw new AssertionError("no headless browser to render the pages with: none of "
        + candidates + " is installed. Install Debian's chromium (apt-get install -y chromium, "
        + "as .ci/run does) or set PBFT_CHROMIUM to a Chromium executable.");
  }

  private static boolean onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  /** Renders {@code page} (after its scripts ran) and measures its labels. */
  public LabelCheck checkLabels(Path page) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("pbft-browser-");
    try {
      String html = Files.readString(page, StandardCharsets.UTF_8);
      int end = html.lastIndexOf("</body>");
      String measured = end < 0 ? html + SCRIPT : html.substring(0, end) + SCRIPT
          + html.substring(end);
      Path copy = work.resolve("page.html");
      Files.writeString(copy, measured, StandardCharsets.UTF_8);
      Path dom = work.resolve("dom.html");
      Path log = work.resolve("chromium.log");
      Process p = new ProcessBuilder(executable, "--headless", "--no-sandbox", "--disable-gpu",
          "--no-first-run", "--user-data-dir=" + work.resolve("profile"),
          "--window-size=1400,1000", "--run-all-compositor-stages-before-draw",
          "--virtual-time-budget=10000", "--dump-dom", copy.toUri().toString())
          .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(executable + " did not render " + page + " within 120 s");
      }
      String out = Files.readString(dom, StandardCharsets.UTF_8);
      Matcher m = RESULT.matcher(out);
      if (!m.find()) {
        throw new AssertionError(executable + " (exit " + p.exitValue() + ") printed no "
            + "measurement for " + page + "; its messages: "
            + Files.readString(log, StandardCharsets.UTF_8).lines().limit(20).toList());
      }
      List<String> clipped = new ArrayList<>();
      Matcher item = ITEM.matcher(m.group(2));
      while (item.find()) {
        // --dump-dom prints the JSON as the text of an element: HTML-escaped.
        clipped.add(item.group(1).replace("\\\"", "\"").replace("\\\\", "\\")
            .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
            .replace("&amp;", "&"));
      }
      return new LabelCheck(Integer.parseInt(m.group(1)), clipped);
    } finally {
      try (var walk = Files.walk(work)) {
        for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      } catch (IOException e) {
        // chromium may still hold its profile for a moment: a temp directory left behind
      }
    }
  }
}
