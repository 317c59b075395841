import { pinyin } from 'pinyin-pro';

/**
 * The pinyin initials a cashier types for a drug name, upper case: 阿莫西林胶囊 → AMXLJN,
 * 维生素C泡腾片 → WSSCPTP. Latin letters count as themselves; digits and punctuation are skipped.
 */
export function pinyinInitials(name: string): string {
  const letters = name.replace(/[^\u3400-\u9fffA-Za-z]/g, '');
  if (!letters) return '';
  return pinyin(letters, { pattern: 'first', toneType: 'none', type: 'array' })
    .map((p) => p.replace(/[^A-Za-z]/g, ''))
    .join('')
    .toUpperCase();
}
