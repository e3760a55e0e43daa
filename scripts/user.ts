// npm run user -- create --username U --role admin|reviewer|viewer [--region CODE] [--display-name NAME] [--password-stdin]
// npm run user -- reset-password U [--password-stdin]
// npm run user -- disable U | enable U | end-sessions U
// npm run user -- list                   one JSON line per account, without password hashes
// Without --password-stdin a random password is generated and printed once (the only time it is shown).
// Every change is audited under the operating-system account that ran it.
import { parseArgs } from 'node:util';
import { randomToken } from '../src/auth/token.util';
import type { StaffRole } from '../src/auth/auth.types';
import { fail, openCli, operatorActor, runCommand, writeJsonLine } from './lib/cli';

const USAGE = [
  'usage: npm run user -- create --username U --role admin|reviewer|viewer [--region CODE] [--display-name NAME] [--password-stdin]',
  '       npm run user -- reset-password U [--password-stdin] | disable U | enable U | end-sessions U | list',
].join('\n');
const COMMANDS = ['create', 'reset-password', 'disable', 'enable', 'end-sessions', 'list'];

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      region: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
}
let parsed: ReturnType<typeof parse>;
try {
  parsed = parse();
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const { positionals, values } = parsed;
const [command, arg] = positionals;
if (!COMMANDS.includes(command)) fail(USAGE);
if (command === 'create' && (!values.username || !values.role)) fail(`create needs --username and --role\n${USAGE}`);
if (!['create', 'list'].includes(command) && !arg) fail(`${command} needs the username\n${USAGE}`);

async function readPassword(): Promise<{ password: string; generated: boolean }> {
  if (!values['password-stdin']) return { password: randomToken(15), generated: true };
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  // One trailing newline (echo, a here-string) is not part of the password.
  return {
    password: Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, ''),
    generated: false,
  };
}

const cli = openCli('user');
const by = operatorActor();
const admin = cli.runtime.services.userAdmin;
await runCommand(cli, async () => {
  if (command === 'create') {
    const { password, generated } = await readPassword();
    const user = await admin.create(
      { username: values.username!, role: values.role as StaffRole, region: values.region ?? null, displayName: values['display-name'] ?? values.username!, password },
      by,
    );
    writeJsonLine({ ...user, ...(generated ? { password } : {}) });
  } else if (command === 'reset-password') {
    const { password, generated } = await readPassword();
    writeJsonLine({ ...(await admin.resetPassword(arg, password, by)), ...(generated ? { password } : {}) });
  } else if (command === 'disable' || command === 'enable') {
    writeJsonLine(admin.setDisabled(arg, command === 'disable', by));
  } else if (command === 'end-sessions') {
    writeJsonLine(admin.endSessions(arg, by));
  } else {
    for (const u of admin.list()) writeJsonLine(u);
  }
});
