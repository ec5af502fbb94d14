package org.ddrm.backend.mf;

/** A 2-D float32 table, row-major. */
record Table(int rows, int columns, float[] values) {
  /** The table as rows. */
  float[][] toRows() {
    float[][] out = new float[rows][columns];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(values, r * columns, out[r], 0, columns);
    }
    return out;
  }
}
