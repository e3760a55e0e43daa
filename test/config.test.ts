import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('config', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dbFile.endsWith('data/app.db')).toBe(true);
    expect(c.modelDir.endsWith('models')).toBe(true);
  });

  it('stops with a message naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('never seeds the demo in production: auto means off, on is refused naming DEMO', () => {
    expect(loadConfig({}).demo).toBe('auto');
    expect(loadConfig({ NODE_ENV: 'development' }).demo).toBe('auto');
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ production: true, demo: 'off' });
    expect(loadConfig({ NODE_ENV: 'production', DEMO: 'off' }).demo).toBe('off');
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: 'on' })).toThrow(/DEMO/);
  });

  it('hashes passwords at OWASP cost by default and refuses a cheaper cost in production', () => {
    expect(loadConfig({}).passwordHash).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(loadConfig({ PASSWORD_HASH_COST: '12' }).passwordHash.N).toBe(4096);
    expect(() => loadConfig({ NODE_ENV: 'production', PASSWORD_HASH_COST: '12' })).toThrow(/PASSWORD_HASH_COST/);
    expect(() => loadConfig({ PASSWORD_HASH_COST: '5' })).toThrow(/PASSWORD_HASH_COST/);
  });
});
