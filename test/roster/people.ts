import { citizenIdCheckChar } from '../../shared/card';

/** The i-th of a series of valid 18-digit ID numbers (region 520102, born 1960-01-01 + i days). */
export function validCertno(i: number, region = '520102'): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + (i % 20000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${region}${ymd}${String(Math.floor(i / 20000) % 1000).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
}

export const HEADER = '姓名,证件号码,身份类别,开始日期,结束日期,统筹区划,就医证号';

export function csv(rows: string[], header = HEADER): string {
  return [header, ...rows].join('\n') + '\n';
}
