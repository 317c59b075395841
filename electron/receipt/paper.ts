export const PAPERS = ['A5', 'A4', '241mm'] as const;
export type Paper = (typeof PAPERS)[number];

const MM = 72 / 25.4;

/** Page size in points (portrait) and the largest body font size that reads well on it. */
export const PAPER_GEOMETRY: Record<Paper, { width: number; height: number; margin: number; maxFontSize: number }> = {
  A5: { width: 419.53, height: 595.28, margin: 26, maxFontSize: 9 },
  A4: { width: 595.28, height: 841.89, margin: 40, maxFontSize: 11.5 },
  // 241 mm continuous stationery (一等分, 241 × 280 mm), the common hospital dot-matrix form.
  '241mm': { width: 241 * MM, height: 280 * MM, margin: 34, maxFontSize: 11.5 },
};
