import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../src/embeddings/hashing-embedder.fake';
import { createTestApp, type TestApp } from '../helpers/test-app';

// The two-way selection flow through the REST API on a real temp database, with participant sessions (own
// accounts) and a portal acting for one; the embedder is the hashing fake (this tests the layers above it).

let clock = '2026-07-01T08:00:00.000Z';
let t: TestApp;
let demandId: string;
let creditCode: string;
let region: string;
let listed: string[];
let cycle: string;

const advance = (ms: number) => {
  clock = new Date(Date.parse(clock) + ms).toISOString();
};

beforeAll(async () => {
  t = await createTestApp({ matching: { embedder: new HashingEmbedder() }, now: () => clock, messageLimits: { perMinute: 3, perDay: 100 } });
  // An approved demand of an open cycle with at least three eligible candidates.
  for (const d of t.demo!.demands) {
    const stored = t.repos.demands.getByExternalId(d.externalId)!;
    if (stored.review !== 'approved' || d.requestsVicePresident === false) continue;
    const enterprise = await t.asEnterprise(d.enterpriseCreditCode);
    const res = await t.app.inject({ method: 'GET', url: `/v1/selection/demands/${d.externalId}/shortlist`, headers: enterprise });
    if (res.statusCode === 200 && res.json().candidates.length >= 3) {
      demandId = d.externalId;
      creditCode = d.enterpriseCreditCode;
      region = stored.region;
      cycle = stored.demand.cycle;
      listed = res.json().candidates.map((c: { expertId: string }) => c.expertId);
      break;
    }
  }
  expect(demandId).toBeDefined();
}, 120_000);
afterAll(() => t?.cleanup());

const call = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

describe('two-way selection', () => {
  it('the enterprise sees only eligible candidates, with explanation and evidence and without contact details', async () => {
    const res = await call('GET', `/v1/selection/demands/${demandId}/shortlist`, await t.asEnterprise(creditCode));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.stage).toBe('no_interest');
    expect(body.interestLimit).toBe(5);
    expect(body).not.toHaveProperty('excluded');
    for (const c of body.candidates) {
      expect(c.unknown).toEqual([]);
      expect(c).toHaveProperty('breakdown');
      expect(c).not.toHaveProperty('contact');
      const ev = t.services.policies.checkEligibility({ demandId, expertId: c.expertId });
      expect(['eligible', 'review']).toContain(ev.status);
      const phone = t.repos.experts.getByExternalId(c.expertId)!.contact?.phone;
      if (phone) expect(res.body).not.toContain(phone);
    }
    // Another enterprise's demand is not found, and an expert cannot read shortlists.
    const other = t.demo!.demands.find((d) => d.enterpriseCreditCode !== creditCode)!;
    expect((await call('GET', `/v1/selection/demands/${demandId}/shortlist`, await t.asEnterprise(other.enterpriseCreditCode))).statusCode).toBe(404);
    expect((await call('GET', `/v1/selection/demands/${demandId}/shortlist`, await t.asExpert(listed[0]))).statusCode).toBe(403);
  });

  it('refuses an off-list expert who fails a hard rule, naming the clauses, and one whose facts are unknown', async () => {
    const enterprise = await t.asEnterprise(creditCode);
    const ids = t.demo!.experts.map((e) => e.externalId).filter((id) => !listed.includes(id));
    const verdict = (id: string) => t.services.policies.checkEligibility({ demandId, expertId: id }).status;
    const ineligible = ids.find((id) => verdict(id) === 'ineligible')!;
    const res = await call('POST', '/v1/selection/interests', enterprise, { demandId, expertId: ineligible });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('SELECTION_INELIGIBLE');
    expect(res.json().details.failed.length).toBeGreaterThan(0);
    expect(res.json().details.failed[0].clause.document).toBeTruthy();
    const unknown = ids.find((id) => verdict(id) === 'unknown');
    if (unknown) {
      const u = await call('POST', '/v1/selection/interests', enterprise, { demandId, expertId: unknown });
      expect(u.json().code).toBe('SELECTION_UNVERIFIED');
      expect(u.json().details.unknown[0].missing.length).toBeGreaterThan(0);
    }
    expect(t.repos.selection.listViews({ demandId })).toEqual([]);
  });

  it('mutual interest opens a talk; contacts only then, each read audited; messages are plain text and rate-limited', async () => {
    const enterprise = await t.asEnterprise(creditCode);
    const expert = await t.asExpert(listed[0]);
    const invited = await call('POST', '/v1/selection/interests', enterprise, { demandId, expertId: listed[0] });
    expect(invited.statusCode).toBe(200);
    expect(invited.json()).toMatchObject({ state: 'pending', initiatedBy: 'enterprise', offList: false, talkId: null });
    const inv = await call('GET', '/v1/selection/invitations', expert);
    expect(inv.json().map((i: { demandId: string }) => i.demandId)).toContain(demandId);

    const mutual = await call('POST', '/v1/selection/interests', expert, { demandId });
    expect(mutual.json().state).toBe('talking');
    const talkId = mutual.json().talkId as number;
    expect(talkId).toBeGreaterThan(0);

    // Someone else (another expert on the list) cannot see the talk or its contacts.
    const stranger = await t.asExpert(listed[1]);
    expect((await call('GET', `/v1/selection/talks/${talkId}`, stranger)).statusCode).toBe(404);
    expect((await call('GET', `/v1/selection/talks/${talkId}/contacts`, stranger)).statusCode).toBe(404);

    const contacts = await call('GET', `/v1/selection/talks/${talkId}/contacts`, enterprise);
    expect(contacts.statusCode).toBe(200);
    expect(contacts.json().expert.name).toBeTruthy();
    const reads = t.services.auth.audit
      .list({ entity: 'selection_talk', entityId: String(talkId), limit: 50 })
      .filter((e: { action: string }) => e.action === 'selection.contacts.read');
    expect(reads).toHaveLength(1);

    expect((await call('POST', `/v1/selection/talks/${talkId}/messages`, enterprise, { body: 'bad\u0007bell' })).statusCode).toBe(400);
    expect((await call('POST', `/v1/selection/talks/${talkId}/messages`, enterprise, { body: 'x'.repeat(1001) })).statusCode).toBe(400);
    const html = '<script>alert(1)</script> 您好，想约时间面谈';
    const sent = await call('POST', `/v1/selection/talks/${talkId}/messages`, enterprise, { body: html });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().body).toBe(html);
    await call('POST', `/v1/selection/talks/${talkId}/messages`, enterprise, { body: '第二条' });
    await call('POST', `/v1/selection/talks/${talkId}/messages`, enterprise, { body: '第三条' });
    const limited = await call('POST', `/v1/selection/talks/${talkId}/messages`, enterprise, { body: '第四条' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('MESSAGE_RATE_LIMITED');
    // The other side has its own limit; a minute later the enterprise may write again.
    expect((await call('POST', `/v1/selection/talks/${talkId}/messages`, expert, { body: '收到' })).statusCode).toBe(200);
    advance(61_000);
    expect((await call('POST', `/v1/selection/talks/${talkId}/messages`, enterprise, { body: '第四条' })).statusCode).toBe(200);

    const talk = await call('GET', `/v1/selection/talks/${talkId}`, expert);
    expect(talk.json().messageList.map((m: { body: string }) => m.body)).toEqual([html, '第二条', '第三条', '收到', '第四条']);
    expect(talk.json().channel).toBe(`talk:${talkId}`);
  });

  it('the county sees talks of its county read-only and notes a meeting; another county sees nothing', async () => {
    const enterprise = await t.asEnterprise(creditCode);
    const [talk] = (await call('GET', '/v1/selection/talks', enterprise)).json();
    const meeting = await call('POST', `/v1/selection/talks/${talk.id}/meetings`, enterprise, { proposedAt: '2026-07-05T09:00:00+08:00', place: '区科技局 3 楼会议室' });
    expect(meeting.statusCode).toBe(200);
    expect(meeting.json().status).toBe('requested');

    const reviewer = await t.asReviewer(region);
    const mine = (await call('GET', '/v1/selection/talks', reviewer)).json();
    expect(mine.map((x: { id: number }) => x.id)).toContain(talk.id);
    expect((await call('GET', `/v1/selection/talks/${talk.id}`, reviewer)).json().canWrite).toBe(false);
    expect((await call('POST', `/v1/selection/talks/${talk.id}/messages`, reviewer, { body: 'x' })).statusCode).toBe(403);

    const otherRegion = region === '330302' ? '330303' : '330302';
    const other = await t.asReviewer(otherRegion);
    expect((await call('GET', '/v1/selection/talks', other)).json()).toEqual([]);
    expect((await call('GET', `/v1/selection/talks/${talk.id}`, other)).statusCode).toBe(403);
    expect((await call('POST', `/v1/selection/meetings/${meeting.json().id}/outcome`, other, { status: 'held', outcome: 'x' })).statusCode).toBe(403);
    expect((await call('GET', `/v1/selection/oversight/demands?region=${region}`, other)).statusCode).toBe(403);

    const noted = await call('POST', `/v1/selection/meetings/${meeting.json().id}/outcome`, reviewer, { status: 'held', outcome: '双方面谈，意向明确' });
    expect(noted.statusCode).toBe(200);
    expect(noted.json()).toMatchObject({ status: 'held', outcome: '双方面谈，意向明确', notedBy: `test-reviewer-${region}` });
  });

  it('limits interests to N, honours a paused expert and the invitation deadline', async () => {
    const enterprise = await t.asEnterprise(creditCode);
    const admin = await t.asAdmin();
    const set = await call('PUT', `/v1/selection/cycles/${cycle}/settings`, admin, { interestLimit: 2 });
    expect(set.json()).toMatchObject({ interestLimit: 2, interestLimitSource: 'cycle' });

    const paused = await call('PUT', '/v1/selection/me/pause', await t.asExpert(listed[1]), { paused: true });
    expect(paused.json().paused).toBe(true);
    expect((await call('POST', '/v1/selection/interests', enterprise, { demandId, expertId: listed[1] })).json().code).toBe('EXPERT_PAUSED');
    await call('PUT', '/v1/selection/me/pause', await t.asExpert(listed[1]), { paused: false });

    expect((await call('POST', '/v1/selection/interests', enterprise, { demandId, expertId: listed[1] })).statusCode).toBe(200);
    const third = await call('POST', '/v1/selection/interests', enterprise, { demandId, expertId: listed[2] });
    expect(third.statusCode).toBe(409);
    expect(third.json().code).toBe('INTEREST_LIMIT_REACHED');

    await call('PUT', `/v1/selection/cycles/${cycle}/settings`, admin, { invitationsCloseAt: '2026-06-30T00:00:00Z' });
    const late = await call('POST', '/v1/selection/interests', await t.asExpert(listed[2]), { demandId });
    expect(late.json().code).toBe('INVITATIONS_CLOSED');
    await call('PUT', `/v1/selection/cycles/${cycle}/settings`, admin, {});
  });

  it('the enterprise chooses one, the expert confirms: agreed; a second choice is refused; stages show it', async () => {
    const enterprise = await t.asEnterprise(creditCode);
    const [first, second] = (await call('GET', `/v1/selection/interests?demandId=${demandId}`, enterprise)).json();
    expect((await call('POST', `/v1/selection/interests/${first.id}/confirm`, await t.asExpert(listed[0]))).json().code).toBe('SELECTION_STATE_CONFLICT');
    const chosen = await call('POST', `/v1/selection/interests/${first.id}/choose`, enterprise);
    expect(chosen.json().state).toBe('chosen');
    // The second expert comes forward too; the enterprise cannot choose a second expert for the demand.
    const mutual = await call('POST', '/v1/selection/interests', await t.asExpert(listed[1]), { demandId });
    expect(mutual.json().state).toBe('talking');
    expect((await call('POST', `/v1/selection/interests/${second.id}/choose`, enterprise)).json().code).toBe('DEMAND_ALREADY_CHOSEN');
    const declined = await call('POST', `/v1/selection/interests/${second.id}/decline`, await t.asExpert(listed[1]), { reason: '时间安排不开' });
    expect(declined.json()).toMatchObject({ state: 'declined', declinedBy: 'expert', declineReason: '时间安排不开' });

    const agreed = await call('POST', `/v1/selection/interests/${first.id}/confirm`, await t.asExpert(listed[0]));
    expect(agreed.json().state).toBe('agreed');
    expect(t.services.agreedPairs.agreedPairs(cycle)).toEqual([expect.objectContaining({ demandId, expertId: listed[0], enterpriseCreditCode: creditCode })]);

    const stages = (await call('GET', `/v1/selection/oversight/demands?cycle=${cycle}`, await t.asReviewer(region))).json();
    expect(stages.find((s: { demandId: string }) => s.demandId === demandId)).toMatchObject({ stage: 'agreed', agreedExpertId: listed[0] });
    expect(stages.every((s: { regionCode: string }) => s.regionCode === region)).toBe(true);
    const audit = t.services.auth.audit.list({ entity: 'selection_interest', entityId: String(first.id), limit: 20 }).map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['selection.interest', 'selection.talk.open', 'selection.choose', 'selection.confirm']));
  });

  it('a portal with the participants scope acts for the expert; stale demands list approved demands nobody talks with', async () => {
    const viaPortal = await call('GET', '/v1/selection/interests', await t.asPortalFor('expert', listed[0]));
    expect(viaPortal.statusCode).toBe(200);
    expect(viaPortal.json()[0].state).toBe('agreed');
    advance(30 * 86_400_000);
    const stale = (await call('GET', `/v1/selection/oversight/stale?cycle=${cycle}`, await t.asAdmin())).json();
    expect(stale.staleDays).toBe(7);
    expect(stale.demands.length).toBeGreaterThan(0);
    expect(stale.demands.map((d: { demandId: string }) => d.demandId)).not.toContain(demandId);
  });
});
