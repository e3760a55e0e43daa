import { AppError } from '../shared/errors';
import { PARTICIPANT_SIDES, type ParticipantPrincipal, type ParticipantSide, type PortalPrincipal } from './auth.types';
import type { ParticipantDirectory } from './participant.port';
import { forbiddenRegion } from './region-scope.policy';

/**
 * A portal key with the 'participants' scope acting for the enterprise or expert it has authenticated itself
 * (`X-Participant: enterprise:<credit code>` / `expert:<external id>`): the record must exist and lie in the
 * key's regions; the request then runs as that participant, audited "via" the portal.
 */
export function actAsParticipant(portal: PortalPrincipal, header: string | string[], directory: ParticipantDirectory): Omit<ParticipantPrincipal, 'clientIp'> {
  if (!portal.scopes.includes('participants')) throw new AppError('FORBIDDEN', '此 API 密钥无“代参与方操作”（participants）权限');
  const m = typeof header === 'string' ? /^(enterprise|expert):(\S{1,64})$/.exec(header.trim()) : null;
  if (!m || !PARTICIPANT_SIDES.includes(m[1] as ParticipantSide)) {
    throw new AppError('VALIDATION_FAILED', 'X-Participant 请求头须为 enterprise:<统一社会信用代码> 或 expert:<专家编号>', [{ field: 'x-participant', message: '格式错误' }]);
  }
  const side = m[1] as ParticipantSide;
  const key = side === 'enterprise' ? m[2].toUpperCase() : m[2];
  const subject = directory.findSubject(side, key);
  if (!subject) throw new AppError('NOT_FOUND', `${side === 'enterprise' ? '企业' : '专家'}不存在：${key}`);
  if (portal.regions && !portal.regions.includes(subject.regionCode ?? '')) throw forbiddenRegion(subject.regionCode);
  return {
    kind: 'participant',
    side,
    accountId: null,
    displayName: subject.displayName,
    enterpriseCreditCode: side === 'enterprise' ? key : null,
    expertExternalId: side === 'expert' ? key : null,
    regionCode: subject.regionCode ?? '',
    via: { keyId: portal.keyId, name: portal.name },
  };
}
