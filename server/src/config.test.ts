import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

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
