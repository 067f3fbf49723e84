// Small statistics and formatting helpers shared by the bench sections.
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
export const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
export const worst = (values: number[]): number => Math.max(...values);
export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
export const kib = (bytes: number): number => round(bytes / 1024, 1);
export const mib = (bytes: number): number => round(bytes / 1048576, 1);
