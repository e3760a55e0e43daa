import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../shared/errors';
import type { DocumentStore } from './document-store.port';

/**
 * Documents on disk under the data directory, owner-only like the database (they carry signatures and
 * personal data). A write goes to a temporary name and is renamed into place.
 */
export class FileDocumentStore implements DocumentStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  write(relativePath: string, bytes: Buffer): void {
    const file = this.pathOf(relativePath);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, bytes, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  }

  read(relativePath: string): Buffer {
    try {
      return readFileSync(this.pathOf(relativePath));
    } catch {
      throw new AppError('DOCUMENT_MISSING', '文件已不在存储中，请重新上传', { path: relativePath });
    }
  }

  /** A stored path never leaves the root (it is built by the service, but a database row could be altered). */
  private pathOf(relativePath: string): string {
    const file = resolve(this.root, relativePath);
    if (!file.startsWith(this.root + sep)) throw new AppError('DOCUMENT_MISSING', '文件路径无效', { path: relativePath });
    return file;
  }
}
