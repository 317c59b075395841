/**
 * The one masking rule for ID numbers on every screen and paper (receipt, reports on screen, patient
 * panel, history): an ID number shows its region and its last four characters only:
 * 220102********0012. Anything that is not an 18-character ID keeps its first and last
 * quarter and hides the rest, so a short document number is never printed in full either.
 */
export function maskIdNumber(id: string): string {
  const text = id.trim();
  if (text.length === 0) return '';
  if (/^\d{17}[\dXx]$/.test(text)) return `${text.slice(0, 6)}${'*'.repeat(8)}${text.slice(14).toUpperCase()}`;
  if (text.length <= 2) return '*'.repeat(text.length);
  const keep = Math.max(1, Math.floor(text.length / 4));
  return `${text.slice(0, keep)}${'*'.repeat(text.length - 2 * keep)}${text.slice(text.length - keep)}`;
}
