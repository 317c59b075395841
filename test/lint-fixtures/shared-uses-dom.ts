// lint-as: shared/card/lint-fixture.ts
// expect: no-restricted-globals window
export const here = window.location.href;
