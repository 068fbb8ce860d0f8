package org.pbft.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * libsodium and Bouncy Castle agree on every signature: a replica checks with one what another
 * made with the other. And libsodium loads here, as on the machines CI runs on (the speed the
 * benchmarks report depends on it).
 */
class Ed25519ImplementationsTest {
  private final SodiumEd25519 sodium = new SodiumEd25519();

  @Test
  void libsodiumSignsAndChecksInThisProcess() {
    assertEquals("libsodium", Ed25519.implementation());
  }

  @Test
  void bothMakeTheSameSignaturesAndAcceptEachOthers() {
    Random random = new Random(7);
    SecureRandom keys = new SecureRandom(new byte[] {1});
    for (int i = 0; i < 50; i++) {
      Ed25519PrivateKeyParameters key = Ed25519.generatePrivateKey(keys);
      Ed25519PublicKeyParameters pub = key.generatePublicKey();
      byte[] data = new byte[random.nextInt(300)];
      random.nextBytes(data);
      int offset = data.length == 0 ? 0 : random.nextInt(data.length);
      int length = data.length - offset;
      byte[] bc = Ed25519.signWithBouncyCastle(key, data, offset, length);
      byte[] ls = sodium.sign(key.getEncoded(), pub.getEncoded(), data, offset, length);
      assertArrayEquals(bc, ls, "Ed25519 is deterministic: one signature");
      assertTrue(sodium.verify(pub.getEncoded(), data, offset, length, bc));
      assertTrue(Ed25519.verifyWithBouncyCastle(pub, data, offset, length, ls));
    }
  }

  @Test
  void bothRefuseAChangedMessageOrSignature() {
    Ed25519PrivateKeyParameters key = Ed25519.generatePrivateKey(new SecureRandom());
    Ed25519PublicKeyParameters pub = key.generatePublicKey();
    byte[] data = "PREPARE(v, n, d, i)".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] sig = Ed25519.sign(key, data);
    byte[] changed = data.clone();
    changed[3] ^= 1;
    assertFalse(sodium.verify(pub.getEncoded(), changed, 0, changed.length, sig));
    assertFalse(Ed25519.verifyWithBouncyCastle(pub, changed, 0, changed.length, sig));
    byte[] badSig = sig.clone();
    badSig[10] ^= 1;
    assertFalse(sodium.verify(pub.getEncoded(), data, 0, data.length, badSig));
    assertFalse(Ed25519.verify(pub, data, badSig));
  }
}
