import { cpus, loadavg, totalmem } from 'node:os';

/** One line of a results table: what was measured, the raw number(s), the target and whether it was met. */
export interface Row {
  metric: string;
  measured: string;
  target: string;
  /** undefined = informational (no target). */
  pass?: boolean;
}

/** A titled table with the notes that explain how its numbers were obtained. */
export interface Section {
  title: string;
  rows: Row[];
  notes: string[];
}

/** Node version, cores, CPU model and memory: the header every table carries. */
export function environment(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = Math.round(totalmem() / 2 ** 30);
  return `Node ${process.version} · ${cpus().length} cores (${cpu}) · ${memory} GB RAM · ${process.platform}/${process.arch}`;
}

/** How busy the machine was before and after a run: the bench shares its cores with whatever else runs. */
export function machineLoad(before: number[]): string {
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  return `Load average (1/5/15 min) before the run ${load(before)}, after ${load(loadavg())}; above ~${cpus().length} before it, other processes were competing for the ${cpus().length} cores.`;
}

/** Markdown for sections under one environment header. */
export function renderReport(title: string, sections: Section[], remarks: string[] = [], when = new Date()): string {
  const lines = [
    `# ${title}`,
    '',
    `${environment()} · measured ${when.toISOString()}`,
    '',
    ...remarks.flatMap((r) => [r, '']),
  ];
  for (const section of sections) lines.push(...renderSection(section));
  const misses = sections.flatMap((s) => s.rows).filter((r) => r.pass === false).length;
  lines.push(misses === 0 ? 'All targets met.' : `${misses} target(s) missed.`, '');
  return lines.join('\n');
}

function renderSection(section: Section): string[] {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const verdict = (row: Row) => (row.pass === undefined ? '' : row.pass ? 'PASS' : 'MISS');
  return [
    `## ${section.title}`,
    '',
    '| Metric | Measured | Target | Result |',
    '|---|---|---|---|',
    ...section.rows.map((r) => `| ${escape(r.metric)} | ${escape(r.measured)} | ${escape(r.target)} | ${verdict(r)} |`),
    '',
    ...section.notes.map((n) => `- ${n}`),
    '',
  ];
}

/** Progress lines go to stderr so stdout carries only the table. */
export function progress(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}
