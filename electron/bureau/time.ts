/** The bureau's time formats, in the terminal's local time. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** yyyy-MM-dd */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** yyyy-MM-dd HH:mm:ss (inf_time, setl_time) */
export function infTime(d: Date): string {
  return `${localDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** yyyyMMddHHmmss (the time part of a msgid) */
export function compactTime(d: Date): string {
  return infTime(d).replace(/\D/g, '');
}

/** yyyyMMddHHmmssSSS (refmsg_time, respond_time) */
export function compactMillis(d: Date): string {
  return compactTime(d) + pad(d.getMilliseconds(), 3);
}
