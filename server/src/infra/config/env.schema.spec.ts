import { ConfigError, loadConfig, wechatModeOf } from './env.schema';

describe('loadConfig', () => {
  it('runs the local demo with no variables at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: 'mysql://root@127.0.0.1:3306/weshop',
      redisUrl: 'redis://127.0.0.1:6379',
      shopTimeZone: 'Asia/Shanghai',
      wechat: { mode: 'sandbox', apiBase: '', sandboxPort: 3001 },
    });
    expect(config.wechat.appid).toMatch(/^wx[0-9a-f]{16}$/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('goes live with real credentials and talks to the real hosts', () => {
    const config = loadConfig({ WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 's'.repeat(32) });
    expect(config.wechat.mode).toBe('live');
    expect(wechatModeOf(config)).toBe('live');
    expect(config.wechat.apiBase).toBe('https://api.weixin.qq.com');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ WECHAT_APPID: 'wx0123456789abcdef' }, 'WECHAT_SECRET'],
    [{ WECHAT_APPID: 'not-an-appid', WECHAT_SECRET: 's'.repeat(32) }, 'WECHAT_APPID'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) }, 'WECHAT_SECRET'],
  ])('refuses %p naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${variable}\\b`));
  });

  it('never echoes a bad value, which may be a secret', () => {
    const secret = 'hunter2-too-short';
    try {
      loadConfig({ JWT_SECRET: secret });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});
