package dev.modelmonitor.stats;

/** The generator of generate_expected.py: a 64-bit LCG (Knuth's MMIX constants). */
final class Lcg {
  private long x;

  Lcg(long seed) {
    x = seed;
  }

  double nextDouble() {
    x = x * 6364136223846793005L + 1442695040888963407L;
    return (x >>> 11) * 0x1.0p-53;
  }

  /** scale * (u1 + u2) + shift, n times: only exactly rounded operations, as in Python. */
  static double[] triangular(long seed, int n, double scale, double shift) {
    Lcg g = new Lcg(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double u1 = g.nextDouble();
      double u2 = g.nextDouble();
      out[i] = scale * (u1 + u2) + shift;
    }
    return out;
  }
}
