/**
 * Per person, the ledger mark taken just before eligibility read their year-to-date (see
 * KeptContext.ytdMark), handed from the resolver to the eligibility handler. Look-ups of one person
 * overlapping in one backend share the earliest of their marks: a smaller mark can only make the
 * commit re-check more rows (a re-settle or `stale-preview`), never miss one.
 */
export function createYtdMarks() {
  const marks = new Map<string, { mark: number; readers: number }>();
  return {
    note(certno: string, mark: number): void {
      const held = marks.get(certno);
      if (!held) marks.set(certno, { mark, readers: 1 });
      else {
        held.mark = Math.min(held.mark, mark);
        held.readers++;
      }
    },
    take(certno: string): number | undefined {
      const held = marks.get(certno);
      if (!held) return undefined;
      if (--held.readers <= 0) marks.delete(certno);
      return held.mark;
    },
  };
}

export type YtdMarks = ReturnType<typeof createYtdMarks>;
