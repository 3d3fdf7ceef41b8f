import { describe, expect, it } from 'vitest';
import { loadConfig, requireMetricsExposure } from './config.ts';

describe('Redis settings', () => {
  it('uses REDIS_URL (or the local default) when no cluster is named', () => {
    expect(loadConfig({}).redis).toEqual({ kind: 'standalone', url: 'redis://127.0.0.1:6379' });
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.5:6380' }).redis).toEqual({ kind: 'standalone', url: 'redis://10.0.0.5:6380' });
  });

  it('REDIS_CLUSTER_NODES names the cluster seed nodes, and REDIS_URL is then not used', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001,[::1]:7002', REDIS_URL: 'redis://ignored:1' });
    expect(config.redis).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-b', port: 7001 },
        { host: '::1', port: 7002 },
      ],
    });
  });

  it.each(['redis-a', 'redis-a:', 'redis-a:7000,', 'redis://a:7000', 'a:70000', 'a:0'])('refuses REDIS_CLUSTER_NODES=%s, naming the setting', (value) => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: value })).toThrow(/REDIS_CLUSTER_NODES: .*is not host:port/);
  });
});

describe('TRUST_PROXY', () => {
  it('believes no proxy unless told: the connection is the client', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('takes a hop count, or proxy addresses and ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
  });

  it.each(['true', '*', 'proxy.council.example', '0', '99'])('refuses TRUST_PROXY=%s, naming the setting', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: must be a number of proxy hops/);
  });
});

describe('metrics exposure', () => {
  const token = 'f'.repeat(32);

  it('is off by default, and a production server refuses to start without METRICS_PORT or METRICS_TOKEN', () => {
    expect(loadConfig({}).metrics).toEqual({});
    expect(() => requireMetricsExposure(loadConfig({}))).not.toThrow();
    expect(() => requireMetricsExposure(loadConfig({ NODE_ENV: 'production' }))).toThrow(/set METRICS_PORT .* or METRICS_TOKEN/);
    expect(() => requireMetricsExposure(loadConfig({ NODE_ENV: 'production', METRICS_TOKEN: token }))).not.toThrow();
    expect(() => requireMetricsExposure(loadConfig({ NODE_ENV: 'production', METRICS_PORT: '9464' }))).not.toThrow();
  });

  it.each(['', 'short', `${'a'.repeat(31)}`, `${'a'.repeat(20)} ${'b'.repeat(20)}`])('refuses METRICS_TOKEN=%j, naming the setting', (value) => {
    expect(() => loadConfig({ METRICS_TOKEN: value })).toThrow(/METRICS_TOKEN: must be at least 32 printable characters/);
  });

  it('refuses a METRICS_PORT that is the app port', () => {
    expect(() => loadConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT \(3000\) must differ from PORT/);
  });
});
