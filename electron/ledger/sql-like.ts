/** A LIKE pattern matching `text` anywhere, with % _ \ taken literally (use with ESCAPE '\'). */
export function likeSubstring(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
