// Small statistics helpers.
export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const max = (values) => Math.max(...values.filter((v) => Number.isFinite(v)));
export const min = (values) => Math.min(...values.filter((v) => Number.isFinite(v)));
