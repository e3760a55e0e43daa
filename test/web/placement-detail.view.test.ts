import { describe, expect, it } from 'vitest';
import { placementDetailBody, placementListBody } from '../../src/web/placement-detail.view';
import { toDetailView } from '../../src/web/placement-view.builder';
import type { PlacementDetailView } from '../../src/web/placement-view.types';
import { placementDetailFixture } from './placement-detail.fixture';

const clause = { document: '温州市深化科技副总派驻工作实施方案', article: '三（一）', text: '每年在企业服务时间累计不少于3个月' };

const detail = (over: Partial<PlacementDetailView> = {}): PlacementDetailView => ({
  id: 'P-1',
  state: 'active',
  stateLabel: '服务中',
  expert: { name: '王<i>磊', institution: '温州大学', externalId: 'X-1' },
  enterprise: { name: '温州甲公司', creditCode: '91330300MA2XXXXX1X' },
  regionName: '鹿城区',
  termLabel: '2026-01-01 至 2027-12-31',
  policyLabel: 'wenzhou-2025',
  agreement: {
    statusLabel: '已备案',
    fileName: '协议.pdf',
    uploadedAt: '2026-01-02T02:00:00Z',
    filedAt: '2026-01-03T02:00:00Z',
    filedBy: 'reviewer',
    returnReason: null,
    downloadHref: '/v1/x.pdf',
    clause,
  },
  serviceTime: { status: 'behind', statusLabel: '滞后', message: '已确认 5 天，按进度应达到 30 天', clause },
  logs: [
    {
      id: 'L1',
      date: '2026-02-01',
      amountLabel: '2 天',
      content: '模具<script>冷却',
      status: 'pending',
      statusLabel: '待企业确认',
      note: null,
      actions: [
        {
          id: 'confirm-log',
          title: '确认服务记录',
          url: '/v1/placements/P-1/service-logs/L1/confirm',
          fields: [{ name: 'reason', label: '异议理由', type: 'text' }],
          buttons: [
            { label: '确认', name: 'decision', value: 'confirm', success: '已确认' },
            { label: '有异议', name: 'decision', value: 'dispute', kind: 'danger', success: '已提出异议' },
          ],
        },
      ],
    },
  ],
  outcomes: [{ label: '发明专利', actual: 1, target: 2, unit: '件' }],
  evaluations: [
    {
      periodLabel: '第 1 年',
      statusLabel: '已确认',
      enterpriseAssessment: '满意',
      grade: '不合格',
      reason: '服务不足',
      gradedBy: 'reviewer',
      confirmedBy: 'admin',
      consequence: { message: '2 年内不得再次选派', clause },
    },
  ],
  end: null,
  renewal: null,
  actions: [
    {
      id: 'upload-agreement',
      title: '上传三方协议',
      url: '/v1/placements/P-1/agreement',
      encoding: 'raw',
      method: 'PUT',
      fields: [{ name: 'file', label: '协议扫描件', type: 'file', required: true, accept: 'application/pdf,image/png,image/jpeg', maxBytes: 10 * 1024 * 1024 }],
      buttons: [{ label: '上传', success: '已上传' }],
    },
  ],
  ...over,
});

describe('placement detail view', () => {
  it('shows state, agreement, the behind service time with its clause, the ban with its clause, and escapes record data', () => {
    const body = placementDetailBody(detail()).value;
    expect(body).toContain('<span class="badge state-active" id="placement-state">服务中</span>');
    expect(body).toContain('王&lt;i&gt;磊');
    expect(body).toContain('模具&lt;script&gt;冷却');
    expect(body).toMatch(/id="service-status"><p><span class="badge service-behind">滞后<\/span> 已确认 5 天/);
    expect(body).toContain('依据：<cite>《温州市深化科技副总派驻工作实施方案》三（一）</cite><q>每年在企业服务时间累计不少于3个月</q>');
    expect(body).toContain('<strong>2 年内不得再次选派</strong>');
    expect(body).toContain('<span class="badge grade-不合格">不合格</span>');
  });

  it('renders actions as labelled forms for the page script, with per-log confirm and dispute buttons', () => {
    const body = placementDetailBody(detail()).value;
    expect(body).toContain('data-url="/v1/placements/P-1/agreement" data-method="PUT" data-encoding="raw"');
    expect(body).toContain('type="file" accept="application/pdf,image/png,image/jpeg" data-max-bytes="10485760" required');
    expect(body).toContain('<label for="upload-agreement-file">协议扫描件</label>');
    expect(body).toContain('id="form-confirm-log-L1"');
    expect(body).toContain('name="decision" value="dispute" data-success="已提出异议">有异议</button>');
    expect(placementDetailBody(detail({ actions: [] })).value).not.toContain('可办理的事项');
  });

  it('lists placements with state filters and phone cards', () => {
    const body = placementListBody({
      title: '鹿城区派驻',
      currentState: 'active',
      dashboardHref: '/placements/dashboard',
      states: [
        { state: 'active', label: '服务中', count: 1 },
        { state: 'evaluated', label: '已评价', count: 0 },
      ],
      rows: [
        {
          id: 'P-1',
          expertName: '王磊',
          enterpriseName: '温州甲公司',
          regionName: '鹿城区',
          state: 'active',
          stateLabel: '服务中',
          termLabel: '2026—2027',
          serviceStatus: 'behind',
          serviceLabel: '滞后',
          grade: null,
        },
      ],
    }).value;
    expect(body).toContain('<a href="/placements?state=active" aria-current="true">服务中（1）</a>');
    expect(body).toContain('<table class="placement-list cards">');
    expect(body).toContain('<a href="/placements/P-1">王磊</a>');
    expect(body).toContain('<span class="badge service-behind">滞后</span>');
  });
});

describe('placement detail from the service read model', () => {
  it('offers each party only its own steps, with the REST route each form calls', () => {
    const expert = toDetailView(placementDetailFixture({}, { logService: true, recordOutcome: true }), { today: '2026-06-30' });
    expect(expert.actions.map((a) => a.id)).toEqual(['log-service', 'record-outcome']);
    expect(expert.actions[0]).toMatchObject({ url: '/v1/placements/7/service-log' });
    expect(expert.logs.flatMap((l) => l.actions)).toEqual([]);
    const enterprise = toDetailView(placementDetailFixture({}, { reviewServiceLog: true, assess: true, requestTermination: true }), { today: '2026-06-30' });
    // Only the pending entry can be confirmed or disputed.
    expect(enterprise.logs.map((l) => l.actions.map((a) => a.url))).toEqual([[], ['/v1/placements/7/service-log/12/review']]);
    expect(enterprise.actions.map((a) => a.id)).toEqual(['assess', 'request-termination']);
    const body = placementDetailBody(enterprise).value;
    expect(body).toContain('温州&lt;b&gt;精密机械有限公司');
    expect(body).toContain('滞后：本年度已确认 2 天，按进度应达到 45 天');
    expect(body).toContain('<cite>《温州市深化科技副总派驻工作实施方案》三（一）</cite><q>每年在企业服务时间累计不少于3个月</q>');
    expect(body).toContain('<a href="/v1/placements/7/documents/3">三方协议.pdf</a>');
  });

  it('sends the agreement as the raw body, and grades and confirmations to the open evaluation', () => {
    const evaluation = {
      id: 5,
      kind: 'term' as const,
      year: null,
      status: 'graded' as const,
      enterprise: { grade: '合格' as const, comment: '基本满意', by: 'p', at: '' },
      county: { grade: '不合格' as const, reason: '服务时长不足', by: 'reviewer', at: '' },
      city: null,
      returnNote: null,
    };
    const county = toDetailView(placementDetailFixture({ agreementStatus: 'none' }, { uploadAgreement: true, fileAgreement: true }), { today: '2026-06-30' });
    expect(county.actions[0]).toMatchObject({ id: 'upload-agreement', method: 'PUT', encoding: 'raw', url: '/v1/placements/7/agreement' });
    expect(county.actions[0].fields[0]).toMatchObject({ type: 'file', accept: 'application/pdf,image/png,image/jpeg', maxBytes: 10 * 1024 * 1024 });
    const city = toDetailView(placementDetailFixture({ evaluations: [evaluation] }, { confirmGrade: true }), { today: '2026-06-30' });
    expect(city.actions).toMatchObject([{ id: 'confirm-grade', url: '/v1/placements/7/evaluations/5/confirm', title: '市级确认评价（区县评定：不合格）' }]);
    const confirmed = toDetailView(
      placementDetailFixture({
        state: 'evaluated',
        grade: '不合格',
        evaluations: [{ ...evaluation, status: 'confirmed', city: { by: 'admin', at: '2027-12-20T00:00:00Z', note: null } }],
      }),
      {
        today: '2027-12-21',
      },
    );
    expect(confirmed.evaluations[0].consequence?.message).toContain('设有不合格禁选规定的政策配置据此排除该专家');
  });
});
