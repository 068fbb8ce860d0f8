package org.pbft.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pbft.crypto.Ed25519;

/** Signing and verifying 100 bytes, about the canonical size of a PREPARE or a CHECKPOINT. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Ed25519Benchmark {
  private Ed25519PrivateKeyParameters privateKey;
  private Ed25519PublicKeyParameters publicKey;
  private byte[] data;
  private byte[] signature;

  @Setup
  public void setUp() {
    Random seeded = new Random(42);
    byte[] seed = new byte[Ed25519.PRIVATE_KEY_BYTES];
    seeded.nextBytes(seed);
    privateKey = Ed25519.privateKeyFromBytes(seed);
    publicKey = Ed25519.publicKeyOf(privateKey);
    data = new byte[100];
    seeded.nextBytes(data);
    signature = Ed25519.sign(privateKey, data);
  }

  @Benchmark
  public byte[] sign100Bytes() {
    return Ed25519.sign(privateKey, data);
  }

  @Benchmark
  public boolean verify100Bytes() {
    return Ed25519.verify(publicKey, data, signature);
  }
}
