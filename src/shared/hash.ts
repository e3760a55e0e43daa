import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal records hash equally whatever their key order. */
export function stringifyStable(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, (v as Record<string, unknown>)[k]]),
      );
    }
    return v;
  });
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function hashRecord(value: unknown): string {
  return hashText(stringifyStable(value));
}
