import { createHash } from 'node:crypto';
import { AppError, notFound } from '../shared/errors';
import type { DocumentStore } from './document-store.port';
import { extensionOf, sniffMediaType } from './document-type';
import { type PlacementDeps, PlacementCore } from './placement-core';
import { type PlacementBundle, settingsOf, toDocument } from './placement-view.builder';
import type { DocumentRow } from './placement.repository';
import type { AgreementDecisionInput, PlacementDetail, PlacementDocument } from './placement.schema';
import type { AgreementSteps, PlacementCaller, UploadedFile } from './placement.types';

export type AgreementDeps = PlacementDeps & { documents: DocumentStore; maxUploadBytes: number };

/**
 * The tripartite agreement among enterprise, expert and sending unit, filed with the county (Wenzhou 四(三)
 * 协议报县（市、区）科技部门备案; Hubei 四(三); Xinxiang 四(三)2; Liaocheng 第十三条第2项): a party (or the county)
 * uploads the signed document, the county files it (备案) — the placement becomes active — or returns it with a
 * reason, after which a corrected one is uploaded. Outcome evidence is stored the same way.
 */
export class PlacementAgreementService extends PlacementCore implements AgreementSteps {
  /** The size cap, for the HTTP edge's body limit. */
  readonly maxUploadBytes: number;

  constructor(private readonly x: AgreementDeps) {
    super(x);
    this.maxUploadBytes = x.maxUploadBytes;
  }

  uploadAgreement(id: number, file: UploadedFile, signedOn: string | undefined, caller: PlacementCaller): PlacementDetail {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      this.assertState(b, ['pending_agreement'], '上传三方协议');
      if (caller.role !== 'reviewer') this.assertParty(b, caller, ['enterprise', 'expert']);
      const current = b.agreement?.status;
      if (current === 'submitted') throw new AppError('PLACEMENT_STATE_CONFLICT', '已上传的三方协议正在等待区县备案，不能重复上传');
      if (signedOn && signedOn > this.today()) throw new AppError('VALIDATION_FAILED', '签订日期不能晚于今天', [{ field: 'signedOn', message: '签订日期不能晚于今天' }]);
      const doc = this.store(b, file, 'agreement', caller);
      const saved = this.deps.placements.saveAgreement({
        placementId: id,
        status: 'submitted',
        documentId: doc.id,
        signedOn: signedOn ?? null,
        submittedBy: caller.actor.actor,
        submittedAt: this.now(),
        decidedBy: null,
        decidedAt: null,
        returnReason: null,
      });
      this.audit(
        caller,
        'placement.agreement.upload',
        b.p,
        { agreement: current ?? 'none' },
        { agreement: saved.status, documentId: doc.id, sha256: doc.sha256, size: doc.size, mediaType: doc.mediaType, signedOn: saved.signedOn },
      );
      this.notify(
        b.p,
        'placement.agreement.submitted',
        '三方协议待备案',
        `${b.p.expertName} 与 ${b.p.enterpriseName ?? b.p.enterpriseCreditCode} 的三方协议已上传，请区县科技部门备案。`,
        { county: true },
      );
      return this.detail(id, caller);
    });
  }

  decideAgreement(id: number, input: AgreementDecisionInput, caller: PlacementCaller): PlacementDetail {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      this.assertCounty(caller);
      this.assertState(b, ['pending_agreement'], input.action === 'file' ? '备案三方协议' : '退回三方协议');
      if (b.agreement?.status !== 'submitted') throw new AppError('PLACEMENT_STATE_CONFLICT', '没有等待备案的三方协议');
      const at = this.now();
      const filed = input.action === 'file';
      const saved = this.deps.placements.saveAgreement({
        ...b.agreement,
        status: filed ? 'filed' : 'returned',
        decidedBy: caller.actor.actor,
        decidedAt: at,
        returnReason: filed ? null : input.reason,
      });
      if (filed) this.deps.placements.update(id, { state: 'active' });
      const clause = settingsOf(b.profile).agreement?.clause;
      this.audit(
        caller,
        filed ? 'placement.agreement.file' : 'placement.agreement.return',
        b.p,
        { agreement: 'submitted', state: b.p.state },
        { agreement: saved.status, state: filed ? 'active' : b.p.state, returnReason: saved.returnReason },
        filed ? (input.note ?? (clause ? `${clause.document} ${clause.article}` : undefined)) : input.reason,
      );
      this.notify(
        b.p,
        filed ? 'placement.agreement.filed' : 'placement.agreement.returned',
        filed ? '三方协议已备案' : '三方协议被退回',
        filed ? '区县科技部门已备案三方协议，可开始记录服务台账。' : `区县科技部门退回了三方协议：${input.action === 'return' ? input.reason : ''}。请修改后重新上传。`,
        { enterprise: true, expert: true },
      );
      return this.detail(id, caller);
    });
  }

  uploadEvidence(id: number, file: UploadedFile, caller: PlacementCaller): PlacementDocument {
    return this.deps.placements.transaction(() => {
      const b = this.load(id, caller);
      this.assertState(b, ['pending_agreement', 'active', 'terminated', 'evaluated', 'renewed'], '上传佐证材料');
      if (caller.role !== 'reviewer') this.assertParty(b, caller, ['enterprise', 'expert']);
      const doc = this.store(b, file, 'evidence', caller);
      this.audit(caller, 'placement.document.upload', b.p, {}, { documentId: doc.id, purpose: 'evidence', sha256: doc.sha256, size: doc.size, mediaType: doc.mediaType });
      return toDocument(doc);
    });
  }

  /** The bytes of a stored document; refused when they no longer match the checksum taken at upload. */
  readDocument(id: number, documentId: number, caller: PlacementCaller): { document: PlacementDocument; bytes: Buffer } {
    this.load(id, caller);
    const doc = this.deps.placements.getDocument(id, documentId);
    if (!doc) throw notFound('文件', String(documentId));
    const bytes = this.x.documents.read(doc.path);
    if (createHash('sha256').update(bytes).digest('hex') !== doc.sha256) {
      throw new AppError('DOCUMENT_CORRUPT', '文件内容与上传时的校验值不一致，可能已被改动，请重新上传', { documentId });
    }
    return { document: toDocument(doc), bytes };
  }

  /** Checks the size cap and the content type by the first bytes, writes the file, records its sha256. */
  private store(b: PlacementBundle, file: UploadedFile, purpose: DocumentRow['purpose'], caller: PlacementCaller): DocumentRow {
    if (file.bytes.length === 0) throw new AppError('EMPTY_BODY', '上传的文件为空');
    if (file.bytes.length > this.x.maxUploadBytes) {
      throw new AppError('FILE_TOO_LARGE', `文件大小 ${(file.bytes.length / 1048576).toFixed(1)} MB，超过上限 ${(this.x.maxUploadBytes / 1048576).toFixed(1)} MB`, {
        size: file.bytes.length,
        max: this.x.maxUploadBytes,
      });
    }
    const mediaType = sniffMediaType(file.bytes);
    if (!mediaType) throw new AppError('FILE_TYPE_REJECTED', '只接受 PDF、PNG 或 JPEG 文件（按文件内容识别，不看扩展名）');
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const path = `placements/${b.p.id}/${sha256}.${extensionOf(mediaType)}`;
    this.x.documents.write(path, file.bytes);
    return this.deps.placements.insertDocument({
      placementId: b.p.id,
      purpose,
      fileName: file.fileName,
      mediaType,
      size: file.bytes.length,
      sha256,
      path,
      uploadedBy: caller.actor.actor,
      uploadedAt: this.now(),
    });
  }
}
