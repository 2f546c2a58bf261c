// The counts in node:test's spec report ("ℹ pass 12"), read line by line as the output streams: the
// report of failing tests comes after them and can be long, so a tail of the output may miss them.
export interface ReportCounts {
  pass: number;
  fail: number;
  cancelled: number;
  skipped: number;
}

export function createCountReader(): { feed(chunk: string): void; counts(): ReportCounts } {
  const counts: ReportCounts = { pass: 0, fail: 0, cancelled: 0, skipped: 0 };
  let partial = '';
  const read = (line: string) => {
    const match = /^ℹ (pass|fail|cancelled|skipped) (\d+)\s*$/.exec(line);
    if (match) counts[match[1] as keyof ReportCounts] = Number(match[2]);
  };
  return {
    feed(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) read(line);
    },
    counts() {
      read(partial);
      return { ...counts };
    },
  };
}
