/**
 * The hospital's time zone: China Standard Time (Asia/Shanghai, UTC+8, no daylight saving since
 * 1991). One zone for the whole country and for the national platform's wall times, so it is a
 * constant of the build, not a site setting (README.md › 为什么不能按站点改).
 */
export const HOSPITAL_TIME_ZONE = {
  id: 'Asia/Shanghai',
  name: '北京时间',
  offset: '+08:00',
  offsetMinutes: 8 * 60,
} as const;

export const OFFSET_MS = HOSPITAL_TIME_ZONE.offsetMinutes * 60_000;
export const DAY_MS = 86_400_000;
