import QRCode from 'qrcode';

/** The dark modules of a QR code as [row, col] pairs plus its size, for vector drawing (PDF and SVG). */
export interface QrMatrix {
  size: number;
  dark: Array<[number, number]>;
}

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const dark: Array<[number, number]> = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) dark.push([row, col]);
  }
  return { size: modules.size, dark };
}

/** An inline SVG of the QR code with a quiet zone of 2 modules. */
export function qrSvg(text: string, pixels: number): string {
  const { size, dark } = qrMatrix(text);
  const view = size + 4;
  const path = dark.map(([r, c]) => `M${c + 2} ${r + 2}h1v1h-1z`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${pixels}" height="${pixels}" viewBox="0 0 ${view} ${view}" role="img" aria-label="结算单号二维码"><rect width="${view}" height="${view}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}
