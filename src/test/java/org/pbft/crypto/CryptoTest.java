package org.pbft.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

class CryptoTest {
  private static final byte[] DATA = "PREPARE(0, 1, d, 2)".getBytes(StandardCharsets.UTF_8);

  @Test
  void ed25519VerifiesItsOwnSignaturesOnly() {
    Ed25519PrivateKeyParameters alice = Ed25519.generatePrivateKey(new SecureRandom());
    Ed25519PrivateKeyParameters bob = Ed25519.generatePrivateKey(new SecureRandom());
    byte[] signature = Ed25519.sign(alice, DATA);

    assertEquals(Ed25519.SIGNATURE_BYTES, signature.length);
    assertTrue(Ed25519.verify(Ed25519.publicKeyOf(alice), DATA, signature));
    assertFalse(Ed25519.verify(Ed25519.publicKeyOf(bob), DATA, signature));
    byte[] other = DATA.clone();
    other[0] ^= 1;
    assertFalse(Ed25519.verify(Ed25519.publicKeyOf(alice), other, signature));
    assertFalse(Ed25519.verify(Ed25519.publicKeyOf(alice), DATA, new byte[3]));
  }

  @Test
  void ed25519MatchesTheFirstTestVectorOfRfc8032() {
    HexFormat hex = HexFormat.of();
    Ed25519PrivateKeyParameters key = Ed25519.privateKeyFromBytes(hex.parseHex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        hex.formatHex(Ed25519.publicKeyOf(key).getEncoded()));
    assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        hex.formatHex(Ed25519.sign(key, new byte[0])));
  }

  @Test
  void hmacMatchesRfc4231TestCase2AndComparesExactly() {
    byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
    byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    byte[] mac = Hmac.mac(key, data);
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        HexFormat.of().formatHex(mac));
    assertTrue(Hmac.verify(key, data, 0, data.length, mac, 0));
    mac[31] ^= 1;
    assertFalse(Hmac.verify(key, data, 0, data.length, mac, 0));
    assertFalse(Hmac.verify(key, data, 0, data.length, new byte[10], 0));
  }

  @Test
  void aMacPerKeyKeptByTheThreadGivesTheSameMacsAsAFreshOneInAnyOrderOfKeys() throws Exception {
    java.util.Random random = new java.util.Random(11);
    byte[][] keys = new byte[5][Hmac.KEY_BYTES];
    for (byte[] k : keys) {
      random.nextBytes(k);
    }
    for (int i = 0; i < 200; i++) {
      byte[] key = keys[random.nextInt(keys.length)];
      byte[] data = new byte[random.nextInt(200)];
      random.nextBytes(data);
      javax.crypto.Mac fresh = javax.crypto.Mac.getInstance("HmacSHA256");
      fresh.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      assertArrayEquals(fresh.doFinal(data), Hmac.mac(key, data));
    }
    byte[] data = new byte[8];
    assertThrows(IllegalArgumentException.class, () -> Hmac.mac(keys[0], data, 4, 10));
    javax.crypto.Mac fresh = javax.crypto.Mac.getInstance("HmacSHA256");
    fresh.init(new javax.crypto.spec.SecretKeySpec(keys[0], "HmacSHA256"));
    assertArrayEquals(fresh.doFinal(data), Hmac.mac(keys[0], data), "a failed call leaves "
        + "nothing behind");
  }

  @Test
  void authenticatorEntriesVerifyOnlyForTheirReplica() {
    byte[][] keys = new byte[4][Hmac.KEY_BYTES];
    for (int r = 0; r < 4; r++) {
      keys[r][0] = (byte) r;
    }
    Authenticator a = Authenticator.compute(DATA, 0, DATA.length, 4, r -> keys[r]);

    assertEquals(4, a.replicas());
    for (int r = 0; r < 4; r++) {
      assertTrue(a.verifyEntry(r, keys[r], DATA, 0, DATA.length));
      assertFalse(a.verifyEntry(r, keys[(r + 1) % 4], DATA, 0, DATA.length));
    }
    assertFalse(a.verifyEntry(4, keys[0], DATA, 0, DATA.length));
    assertArrayEquals(a.toBytes(), Authenticator.fromBytes(a.toBytes()).toBytes());
    assertNotEquals(a, Authenticator.missing(4));
    assertFalse(Authenticator.missing(4).verifyEntry(0, keys[0], DATA, 0, DATA.length));
  }
}
