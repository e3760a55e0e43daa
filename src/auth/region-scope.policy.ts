import { AppError, notFound } from '../shared/errors';
import type { Principal } from './auth.types';

/** Which regions' enterprises, demands, shortlists and exports a principal may see and change. */
// `region` is the first of `regions` (county reviewers and participants have exactly one; a region-limited portal
// key may have several).
export type RegionScope = { all: true } | { all: false; region: string; regions: readonly string[] };

export const forbiddenRegion = (regionCode?: string | null) => new AppError('FORBIDDEN_REGION', '无权访问其他区县的数据', regionCode ? { region: regionCode } : undefined);

/**
 * County reviewers are bound to their county, participants to their record's county, a region-limited portal
 * key to its counties; city staff and unlimited portal keys (the city-wide online forms) see all.
 */
export function regionScope(principal: Principal): RegionScope {
  if (principal.kind === 'staff' && principal.role === 'reviewer') {
    // A reviewer without a region is a broken account: it gets an impossible region rather than everything.
    const region = principal.region ?? '(none)';
    return { all: false, region, regions: [region] };
  }
  if (principal.kind === 'participant') {
    const region = principal.regionCode || '(none)';
    return { all: false, region, regions: [region] };
  }
  if (principal.kind === 'portal' && principal.regions) {
    const regions = principal.regions.length ? principal.regions : ['(none)'];
    return { all: false, region: regions[0], regions };
  }
  return { all: true };
}

/** Throws 403 FORBIDDEN_REGION when the record's region is outside the principal's scope (an unknown region is outside every county). */
export function assertRegion(principal: Principal, regionCode: string | null | undefined): void {
  const scope = regionScope(principal);
  if (!scope.all && !scope.regions.includes(regionCode ?? '')) throw forbiddenRegion(regionCode);
}

/**
 * The region filter for a list query: a reviewer's lists are always their region; asking for another
 * region is refused rather than silently answered with their own.
 */
export function regionFilter(principal: Principal, requested: string | undefined): string | undefined {
  const scope = regionScope(principal);
  if (scope.all) return requested;
  if (requested !== undefined && !scope.regions.includes(requested)) throw forbiddenRegion(requested);
  if (requested === undefined && scope.regions.length > 1) {
    throw new AppError('VALIDATION_FAILED', '此 API 密钥限于多个区县，请用 region 参数指定其一', [{ field: 'region', message: '须指定区县' }]);
  }
  return requested ?? scope.region;
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
