import type { DemoData } from '../../src/demo/demo-data.generator';

export type FingerprintRequest = { n: number; as: 'staff' | 'portal'; body: Record<string, unknown> };

/**
 * 200 POST /v1/match bodies over the demo: stored demands (with and without an explicit cycle or policy),
 * ad-hoc problems (with an enterprise, named candidates, several profiles), tops from 1 to 50, staff (who also
 * get the excluded experts) and portal callers, and a few unknown ids (the 404 path). Deterministic.
 */
export function buildMatchRequests(demo: DemoData, count = 200): FingerprintRequest[] {
  const demands = [...demo.demands].sort((a, b) => (a.externalId < b.externalId ? -1 : 1));
  const out: FingerprintRequest[] = [];
  for (let n = 0; n < count; n++) {
    const d = demands[(n * 37) % demands.length];
    const adHoc = { title: d.title, description: d.description ?? '', expectedField: d.expectedField ?? '' };
    let r: FingerprintRequest;
    switch (n % 8) {
      case 0:
        r = { n, as: 'staff', body: { demandId: d.externalId } };
        break;
      case 1:
        r = { n, as: 'portal', body: { demandId: d.externalId, top: 5 } };
        break;
      case 2:
        r = { n, as: 'staff', body: { demandId: d.externalId, policy: 'open', top: 20 } };
        break;
      case 3:
        r = { n, as: 'staff', body: { demandId: d.externalId, policy: 'hubei-2020', top: 3 } };
        break;
      case 4:
        r = { n, as: 'staff', body: { ...adHoc, enterpriseCreditCode: d.enterpriseCreditCode, cycle: d.cycle, top: 10 } };
        break;
      case 5:
        r = { n, as: 'portal', body: { title: d.title, policy: 'open' } };
        break;
      case 6:
        r = { n, as: 'staff', body: { demandId: d.externalId, cycle: d.cycle, top: 50 } };
        break;
      default:
        r = {
          n,
          as: 'staff',
          body: {
            ...adHoc,
            enterpriseCreditCode: d.enterpriseCreditCode,
            namedCandidates: d.namedCandidates ?? [],
            policy: n % 16 === 7 ? 'xinxiang-2025' : 'wenzhou-2025',
            top: 1 + (n % 12),
          },
        };
    }
    if (n % 50 === 49) r = { n, as: 'staff', body: { demandId: `missing-${n}` } };
    out.push(r);
  }
  return out;
}

/** A response without its timing (stats.ms varies from run to run; nothing else may). */
export function canonicalResponse(body: unknown): unknown {
  if (body && typeof body === 'object' && 'stats' in body) {
    const { ms: _ms, ...stats } = (body as { stats: Record<string, unknown> }).stats;
    return { ...body, stats };
  }
  return body;
}
