import { describe, expect, it } from 'vitest';
import type { Interest, Shortlist, Talk } from '../../src/selection/selection.schema';
import { enterpriseHomeBody, shortlistBody } from '../../src/web/enterprise-pages.view';
import { expertDemandsBody, expertHomeBody } from '../../src/web/expert-pages.view';
import { inboxBody } from '../../src/web/inbox.view';
import { oversightBody } from '../../src/web/oversight.view';
import { renderParticipantPage } from '../../src/web/participant-layout.view';
import { talkBody, threadFragment } from '../../src/web/talk.view';

const interest = (over: Partial<Interest> = {}): Interest => ({
  id: 7,
  demandId: 'D-1',
  demandTitle: '注塑件翘曲变形控制',
  cycleId: 'c1',
  regionCode: '330302',
  enterpriseCreditCode: '91330302MA0000000X',
  enterpriseName: '温州<精密>模具有限公司',
  expertId: 'E-1',
  expertName: '王教授',
  expertInstitution: '温州大学',
  initiatedBy: 'enterprise',
  offList: false,
  state: 'pending',
  enterpriseInterestedAt: '2026-06-01T02:00:00.000Z',
  expertInterestedAt: null,
  talkId: null,
  declinedBy: null,
  declineReason: null,
  declinedAt: null,
  chosenAt: null,
  confirmedAt: null,
  note: null,
  createdAt: '2026-06-01T02:00:00.000Z',
  updatedAt: '2026-06-01T02:00:00.000Z',
  ...over,
});

const talk = (over: Partial<Talk> = {}): Talk => {
  const i = interest({ state: 'talking', talkId: 3, expertInterestedAt: '2026-06-02T02:00:00.000Z' });
  return {
    id: 3,
    interestId: i.id,
    demandId: i.demandId,
    demandTitle: i.demandTitle,
    cycleId: 'c1',
    regionCode: '330302',
    enterpriseName: i.enterpriseName,
    expertId: 'E-1',
    expertName: '王教授',
    state: 'talking',
    openedAt: '2026-06-02T02:00:00.000Z',
    lastMessageAt: '2026-06-02T03:00:00.000Z',
    messages: 1,
    interest: i,
    messageList: [{ id: 1, talkId: 3, senderSide: 'enterprise', senderName: '张经理', body: '<img src=x onerror=alert(1)> 您好\n第二行', createdAt: '2026-06-02T03:00:00.000Z' }],
    meetings: [],
    channel: 'selection.talk.3',
    canWrite: true,
    ...over,
  };
};

const shortlist = (over: Partial<Shortlist> = {}): Shortlist => ({
  demandId: 'D-1',
  demandTitle: '注塑件翘曲变形控制',
  cycleId: 'c1',
  stage: 'interested',
  interestLimit: 2,
  interestsUsed: 1,
  deadlines: { invitationsCloseAt: null, choiceCloseAt: null, invitationsOpen: true, choiceOpen: true },
  candidates: [
    {
      expertId: 'E-1',
      name: '王教授',
      institution: '温州大学',
      region: '330302',
      score: 0.81,
      breakdown: { semantic: 0.8, lexical: 0.5, overlap: 0.4, strength: 0.3, priority: 0 },
      evidence: [{ kind: 'project', label: '注塑模具冷却优化', year: 2023, similarity: 0.77 }],
      flags: [],
      unknown: [],
      priorities: [],
      namedAgreed: false,
      paused: false,
      interest: interest(),
    },
    {
      expertId: 'E-2',
      name: '李研究员',
      institution: '浙江工业大学',
      region: '330302',
      score: 0.7,
      breakdown: { semantic: 0.7, lexical: 0.4, overlap: 0.4, strength: 0.3, priority: 0 },
      evidence: [],
      flags: [],
      unknown: [],
      priorities: [],
      namedAgreed: false,
      paused: false,
      interest: null,
    },
  ],
  others: [],
  ...over,
});

describe('the talk page view', () => {
  it('escapes message text, keeps its line breaks for CSS, and bounds the composer with a counter', () => {
    const out = String(talkBody(talk(), { kind: 'party', side: 'expert' }));
    expect(out).not.toContain('<img src=x');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt; 您好\n第二行');
    expect(out).toMatch(/<textarea id="message-text" name="body" maxlength="1000"[^>]*data-counter="message-count"/);
    expect(out).toContain('0 / 1000');
    // The contacts are fetched on request (an audited read), never embedded in the page.
    expect(out).toContain('data-contacts="/v1/selection/talks/3/contacts"');
    // Only the enterprise chooses; the expert may decline.
    expect(out).not.toContain('选定该专家');
    expect(out).toContain('婉拒理由');
  });

  it('shows county staff the thread read-only: no composer, no buttons, no contact reveal', () => {
    const out = String(talkBody(talk({ canWrite: false }), { kind: 'staff' }));
    expect(out).toContain('只读');
    expect(out).not.toContain('<form');
    expect(out).not.toContain('data-contacts');
  });

  it('offers no composer and no contacts before the interest is mutual', () => {
    const out = String(talkBody(talk({ state: 'pending', interest: interest({ talkId: 3 }) }), { kind: 'party', side: 'enterprise' }));
    expect(out).not.toContain('message-text');
    expect(out).toContain('联系方式将在双方均表达意向后显示');
  });

  it('lets the expert confirm once chosen, and marks own messages', () => {
    const t = talk({ state: 'chosen', interest: { ...interest({ talkId: 3 }), state: 'chosen' } });
    expect(String(talkBody(t, { kind: 'party', side: 'expert' }))).toContain('data-api="/v1/selection/interests/7/confirm"');
    expect(String(threadFragment(t.messageList, { kind: 'party', side: 'enterprise' }))).toContain('class="msg mine right"');
  });
});

describe('the enterprise pages', () => {
  it('lists the shortlist with evidence and interest state, invites by the API, and stops at the limit', () => {
    const out = String(shortlistBody(shortlist(), '需求<描述>'));
    expect(out).toContain('注塑模具冷却优化');
    expect(out).toContain('企业已邀请，待专家回应');
    expect(out).toContain('需求&lt;描述&gt;');
    expect(out).toMatch(/data-api="\/v1\/selection\/interests"[\s\S]*name="expertId" value="E-2"/);
    expect(out).not.toMatch(/电话|phone|email/i);
    const full = String(shortlistBody(shortlist({ interestsUsed: 2 }), null));
    expect(full).toMatch(/<button type="submit" class="primary" disabled aria-label="表达意向并邀请洽谈：李研究员"/);
    const closed = String(
      shortlistBody(shortlist({ deadlines: { invitationsCloseAt: '2026-06-01T00:00:00Z', choiceCloseAt: null, invitationsOpen: false, choiceOpen: true } }), null),
    );
    expect(closed).toContain('邀请已截止');
    expect(closed).not.toContain('核查并邀请');
  });

  it('shows each approved demand with its stage', () => {
    const out = String(enterpriseHomeBody([{ demandId: 'D-1', title: 'A&B', cycleId: 'c1', stage: 'talking', interests: 2, deadlines: shortlist().deadlines }]));
    expect(out).toContain('href="/participant/demands/D-1"');
    expect(out).toContain('A&amp;B');
    expect(out).toContain('洽谈中');
  });
});

describe('the expert pages', () => {
  it('accepts an invitation by expressing interest in the demand, and pauses through PUT', () => {
    const out = String(expertHomeBody({ paused: false, invitations: [interest({ talkId: 3 })] }));
    expect(out).toMatch(/data-api="\/v1\/selection\/interests" data-method="POST"[\s\S]*name="demandId" value="D-1"/);
    expect(out).toContain('data-api="/v1/selection/me/pause" data-method="PUT"');
    expect(out).toContain('温州&lt;精密&gt;模具有限公司');
  });

  it('disables interest buttons while paused', () => {
    const out = String(
      expertDemandsBody({
        expertId: 'E-1',
        paused: true,
        source: 'run',
        demands: [
          {
            demandId: 'D-1',
            demandTitle: 't',
            expectedField: '材料',
            cycleId: 'c1',
            regionCode: '330302',
            enterpriseName: 'e',
            rank: 2,
            score: 0.5,
            evidence: [],
            flags: [],
            priorities: [],
            interest: null,
            deadlines: shortlist().deadlines,
          },
        ],
      }),
    );
    expect(out).toContain('disabled aria-label="表达意向：t"');
    expect(out).toContain('排第 2 位');
  });
});

describe('participant layout, inbox and county oversight', () => {
  it('shows the unread count in the navigation and uses no inline script or handlers', () => {
    const page = renderParticipantPage({
      title: '消息',
      viewer: { side: 'enterprise', displayName: '张经理', unread: 3, csrfToken: 'tok' },
      current: 'inbox',
      body: inboxBody([
        { id: '1', subject: '新消息', body: '王教授回复了您', link: '/participant/talks/3', at: '2026-06-02T03:00:00Z', read: false },
        { id: '2', subject: '外链', body: 'x', link: 'https://evil.example/', at: '2026-06-02T03:00:00Z', read: true },
      ]),
      assets: { css: ['/a.css'], js: ['/a.js'] },
    });
    expect(page).toContain('<span class="count" aria-label="未读 3 条">3</span>');
    expect(page).toContain('<a href="/participant/inbox" aria-current="page">');
    expect(page).toContain('href="/participant/talks/3"');
    expect(page).not.toContain('evil.example/"');
    expect(page).not.toMatch(/\son[a-z]+=/);
    expect(page).not.toMatch(/<script>|<style>|style="/);
    expect(page).toContain('<meta name="csrf-token" content="tok">');
  });

  it('counts demands per stage and lists the idle ones', () => {
    const row = {
      demandId: 'D-1',
      demandTitle: 't',
      cycleId: 'c1',
      regionCode: '330302',
      enterpriseName: 'e',
      stage: 'no_interest' as const,
      interests: 0,
      talks: 0,
      agreedExpertId: null,
      lastActivityAt: null,
      approvedAt: '2026-05-01T00:00:00Z',
    };
    const out = String(
      oversightBody(
        {
          regionName: '鹿城区',
          talks: [],
          demands: [row, { ...row, demandId: 'D-2', stage: 'agreed' }],
          stale: { staleDays: 7, asOf: '2026-06-01T00:00:00Z', demands: [{ ...row, daysWaiting: 31 }] },
        },
        true,
      ),
    );
    expect(out).toContain('<dt>尚无意向</dt><dd>1</dd>');
    expect(out).toContain('<dt>已达成一致</dt><dd>1</dd>');
    expect(out).toContain('已等待 31 天');
    expect(out).toContain('href="/selection/invitations"');
  });
});
