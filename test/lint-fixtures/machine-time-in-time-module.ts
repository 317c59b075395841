// lint-as: shared/time/wall-extra.ts
// expect: nothing
export const utcHour = (at: Date) => at.getUTCHours() + at.getTimezoneOffset() * 0;
