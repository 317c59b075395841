// lint-as: electron/reports/some-report.ts
// expect: no-restricted-properties 时间只经 shared/time
export const today = () => new Date().toLocaleDateString('sv-SE');
