// Synthetic state rows for the state-store tests (row-store, fingerprint-store).

/** A deterministic row of 1..12 words for seed i (rows for different i differ). */
export function rowOf(i: number): Uint32Array {
  const length = 1 + (i % 12);
  const row = new Uint32Array(length);
  row[0] = i;
  for (let k = 1; k < length; k++) row[k] = Math.imul(i + k, 0x9e3779b1) >>> 0;
  return row;
}
