// npm run audit:verify
// Recomputes the audit log's hash chain (each row stores sha256 of the previous row's hash and its own
// canonical content) over the whole table, in id order. Prints a JSON line { ok, rows, legacyRows, head };
// exit 0 when every row verifies, 1 naming the first broken row (edited, deleted, inserted out of order, or
// back-dated, e.g. by someone who dropped the triggers), 2 for bad configuration.
import { openCli, writeJsonLine } from './lib/cli';

const cli = openCli('audit-verify');
const report = cli.runtime.repositories.audit.verifyChain();
await cli.close();
writeJsonLine(report);
if (!report.ok) {
  process.stderr.write(`审计日志校验失败：第 ${report.brokenId} 条记录（按编号顺序第 ${report.rows} 行）${report.reason}\n`);
  process.exitCode = 1;
}
