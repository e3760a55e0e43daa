/** Every scripts/bench/<name>.bench.ts exports run(args): it prints one JSON line per figure set on stdout. */
export type BenchModule = { run(args: string[]): Promise<void> };

export function flag(args: string[], name: string): boolean {
  return args.includes(`--${name}`);
}

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export function numberOption(args: string[], name: string, fallback: number): number {
  const v = option(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} expects a number, got ${v}`);
  return n;
}

export function emit(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

export const round = (x: number, digits = 3) => Number(x.toFixed(digits));
export const rssMb = () => round(process.memoryUsage().rss / 2 ** 20, 1);
