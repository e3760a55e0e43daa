/** A rejected field: its dotted path ('(root)' for the whole value) and the reason, for people. */
export type FieldError = { field: string; message: string };

type IssueLike = { path: readonly PropertyKey[]; message: string; code?: string; discriminator?: unknown; options?: unknown };

/**
 * The one mapping of zod issues (or issue-shaped validation errors) to field errors, used by every edge: HTTP
 * validation, imports, stored-data checks, CLI options. An unknown discriminator names the values that exist.
 */
export function toFieldErrors(issues: readonly IssueLike[]): FieldError[] {
  return issues.map((i) => {
    const field = i.path.map(String).join('.') || '(root)';
    if (i.code === 'invalid_union' && i.discriminator !== undefined && Array.isArray(i.options)) {
      return { field, message: `无效的${i.discriminator === 'kind' ? '类型' : String(i.discriminator)}，应为：${i.options.join('、')}` };
    }
    return { field, message: i.message };
  });
}

/** The same issues on one line each, for operators (configuration, built-in data). */
export function describeIssues(issues: readonly IssueLike[], indent = ''): string {
  return toFieldErrors(issues)
    .map((e) => `${indent}${e.field === '(root)' ? '' : e.field}: ${e.message}`)
    .join('\n');
}
