import { AppError, notFound } from '../shared/errors';
import type { Principal } from './auth.types';

/** Which regions' enterprises, demands, shortlists and exports a principal may see and change. */
export type RegionScope = { all: true } | { all: false; region: string };

export const forbiddenRegion = (regionCode?: string | null) => new AppError('FORBIDDEN_REGION', '无权访问其他区县的数据', regionCode ? { region: regionCode } : undefined);

/** Only county reviewers are bound to a region; city staff and portals (the city-wide online forms) see all. */
export function regionScope(principal: Principal): RegionScope {
  if (principal.kind === 'staff' && principal.role === 'reviewer') {
    // A reviewer without a region is a broken account: it gets an impossible region rather than everything.
    return { all: false, region: principal.region ?? '(none)' };
  }
  return { all: true };
}

/** Throws 403 FORBIDDEN_REGION when the record's region is outside the principal's scope (an unknown region is outside every county). */
export function assertRegion(principal: Principal, regionCode: string | null | undefined): void {
  const scope = regionScope(principal);
  if (!scope.all && regionCode !== scope.region) throw forbiddenRegion(regionCode);
}

/**
 * The region filter for a list query: a reviewer's lists are always their region; asking for another
 * region is refused rather than silently answered with their own.
 */
export function regionFilter(principal: Principal, requested: string | undefined): string | undefined {
  const scope = regionScope(principal);
  if (scope.all) return requested;
  if (requested !== undefined && requested !== scope.region) throw forbiddenRegion(requested);
  return scope.region;
}

/**
 * For a route that names a stored record (an enterprise, a demand): a record that does not exist is a 404 for
 * everyone, one of another county a 403 for a county reviewer. City staff and portals pass without a look-up.
 */
export function assertRecordRegion(principal: Principal, what: string, key: string, regionOf: (key: string) => string | undefined): void {
  if (regionScope(principal).all) return;
  const region = regionOf(key);
  if (region === undefined) throw notFound(what, key);
  assertRegion(principal, region);
}
