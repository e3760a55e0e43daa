// npm run apikey -- create --name NAME [--scopes match,intake,participants] [--regions 330302,330303] [--expires 2027-06-30]
//                                       prints {"id","key"} once: the only time the key is ever shown. Without --scopes the
//                                       key has every scope; without --regions it is city-wide; without --expires it never expires.
// npm run apikey -- revoke ID
// npm run apikey -- list                 one JSON line per key, without secrets
import { parseArgs } from 'node:util';
import type { PortalScope } from '../src/auth/auth.types';
import { fail, openCli, operatorActor, runCommand, writeJsonLine } from './lib/cli';

const USAGE = 'usage: npm run apikey -- create --name NAME [--scopes match,intake,participants] [--regions CODE,...] [--expires YYYY-MM-DD|ISO] | revoke ID | list';

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, scopes: { type: 'string' }, regions: { type: 'string' }, expires: { type: 'string' } } });
}
try {
  parsed = parse();
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const { positionals, values } = parsed;
const [command, arg] = positionals;
if (command === 'create' && !values.name) fail(`create needs --name\n${USAGE}`);
if (command === 'revoke' && !arg) fail(`revoke needs the key id\n${USAGE}`);
if (!['create', 'revoke', 'list'].includes(command)) fail(USAGE);

const cli = openCli('apikey');
const by = operatorActor();
await runCommand(cli, async () => {
  const keys = cli.runtime.services.apiKeys;
  if (command === 'create') {
    const list = (v: string | undefined) =>
      v
        ?.split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    const scopes = list(values.scopes) as PortalScope[] | undefined;
    writeJsonLine(keys.create(values.name!, by, { scopes, regions: list(values.regions), expiresAt: values.expires }));
  } else if (command === 'revoke') {
    if (!keys.revoke(arg, by)) {
      await cli.close();
      fail(`没有有效的 API 密钥：${arg}`, 1);
    }
    writeJsonLine({ id: arg, revoked: true });
  } else {
    for (const k of keys.list()) writeJsonLine(k);
  }
});
