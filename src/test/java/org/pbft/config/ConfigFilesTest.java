package org.pbft.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.pbft.cli.Main;

class ConfigFilesTest {
  @TempDir
  Path dir;

  private static SecureRandom seeded() throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(7);
    return random;
  }

  private static String refusal(Executable load) {
    return assertThrows(ConfigException.class, load).getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "'" + message + "' lacks '" + part + "'");
    }
  }

  private boolean posix() {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  @Test
  void generatedFilesLoadBackToTheSameCluster() throws Exception {
    GeneratedCluster generated = Keygen.cluster(5, 2, "127.0.0.1", 7100, seeded());
    generated.config().write(dir);
    NodeKeys keys = generated.keysOf(NodeId.replica(3));
    keys.write(dir.resolve(NodeKeys.fileName(keys.id())));

    ClusterConfig config = ClusterConfig.load(dir);
    assertEquals(5, config.n());
    assertEquals(1, config.quorums().f());
    assertEquals(2, config.clients());
    assertEquals(7103, config.address(3).getPort());
    assertEquals("127.0.0.1", config.address(3).getHostString());
    assertArrayEquals(generated.config().clientPublicKey(1).getEncoded(),
        config.clientPublicKey(1).getEncoded());

    NodeKeys loaded = NodeKeys.load(dir.resolve("replica-3.key"));
    assertEquals(NodeId.replica(3), loaded.id());
    assertArrayEquals(keys.signingKey().getEncoded(), loaded.signingKey().getEncoded());
    assertEquals(keys.peers(), loaded.peers());
    assertEquals(6, loaded.peers().size()); // 4 other replicas, 2 clients
    assertArrayEquals(keys.macKey(NodeId.client(1)), loaded.macKey(NodeId.client(1)));
    assertArrayEquals(loaded.macKey(NodeId.replica(0)),
        generated.keysOf(NodeId.replica(0)).macKey(NodeId.replica(3)));
  }

  @Test
  void keyFilesAreCreatedOwnerOnlyAndRefusedWhenOthersMayRead() throws Exception {
    assumeTrue(posix());
    Keygen.generate(4, 1, "127.0.0.1", 7000, dir, seeded());
    Path key = dir.resolve("client-0.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    NodeKeys.load(key);

    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertMentions(refusal(() -> NodeKeys.load(key)), key.toString(), "rw-r--r--", "chmod 600");
  }

  @Test
  void missingKeyFileOrEntryIsNamed() throws Exception {
    Keygen.generate(4, 1, "127.0.0.1", 7000, dir, seeded());
    assertMentions(refusal(() -> NodeKeys.load(dir.resolve("replica-9.key"))),
        "replica-9.key", "no such key file");

    Path cluster = dir.resolve(ClusterConfig.FILE_NAME);
    String text = Files.readString(cluster);
    Files.writeString(cluster, text.replaceAll("(?m)^replica\\.2\\.publicKey=.*\\n", ""));
    assertMentions(refusal(() -> ClusterConfig.load(dir)),
        cluster.toString(), "'replica.2.publicKey'", "is missing");
  }

  @Test
  void badEntriesAreNamedWithWhatIsWrong() throws Exception {
    Keygen.generate(4, 1, "127.0.0.1", 7000, dir, seeded());
    Path cluster = dir.resolve(ClusterConfig.FILE_NAME);
    String text = Files.readString(cluster);

    Files.writeString(cluster, text.replace("127.0.0.1:7001", "127.0.0.1:70001"));
    assertMentions(refusal(() -> ClusterConfig.load(dir)), "'replica.1.address'", "70001");
    Files.writeString(cluster, text.replace("replicas=4", "replicas=3"));
    assertMentions(refusal(() -> ClusterConfig.load(dir)), "'replicas'", "is 3");
    Files.writeString(cluster, text.replace("replicas=4", "replicas=2"));
    assertMentions(refusal(() -> ClusterConfig.load(dir)), "'replicas'", "is 2", "n = 1");
    Files.writeString(cluster, text + "replica.0.adress=x\n");
    assertMentions(refusal(() -> ClusterConfig.load(dir)), "'replica.0.adress'", "not a known");
    Files.writeString(cluster, text.replaceAll("(client\\.0\\.publicKey=)..", "$1zz"));
    assertMentions(refusal(() -> ClusterConfig.load(dir)), "'client.0.publicKey'", "hexadecimal");
  }

  @Test
  void keygenRefusesANonEmptyDirectoryUnlessForced() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    assertMentions(refusal(() -> Keygen.generate(4, 1, "127.0.0.1", 7000, dir, seeded())),
        dir.toString(), "not empty", "--force");
    assertEquals(6, Keygen.generate(4, 1, "127.0.0.1", 7000, dir, seeded(), true).size());
    assertEquals(4, ClusterConfig.load(dir).n());
  }

  @Test
  void keygenCommandWritesAndPrintsEveryFile() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path target = dir.resolve("cluster");
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
        "keygen", "--n", "4", "--clients", "2", "--out", target.toString(),
        "--base-port", "9000");

    assertEquals(0, code, err.toString());
    assertMentions(out.toString(), "wrote " + target.resolve("cluster.properties"),
        "wrote " + target.resolve("client-1.key"), "127.0.0.1:9000..9003");
    assertTrue(Files.readString(target.resolve("cluster.properties"), StandardCharsets.UTF_8)
        .contains("replica.3.address=127.0.0.1:9003"));

    int again = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
        "keygen", "--clients", "2", "--out", target.toString());
    assertEquals(2, again);
    assertMentions(err.toString(), "not empty");
  }
}
