import { startScmSimulator } from './simulator';

describe('network profile', () => {
  it('delays answers and paces bodies, and can be changed at run time', async () => {
    const big = Buffer.alloc(600 * 1024, 7);
    const sim = await startScmSimulator({
      repositories: [{ name: 'acme/big', files: { 'blob.bin': big } }],
    });
    const url = `${sim.githubApiUrl}/repos/acme/big/contents/blob.bin`;
    const timed = async () => {
      const started = performance.now();
      const response = await fetch(url, {
        headers: { accept: 'application/vnd.github.v3.raw' },
      });
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(big)).toBe(true);
      return performance.now() - started;
    };
    try {
      expect(sim.network.profile).toEqual({ latencyMs: 0, bytesPerSecond: 0 });
      sim.network.set({ latencyMs: 150 });
      expect(await timed()).toBeGreaterThanOrEqual(145);
      // 600 KiB at 2 MB/s: about 300 ms
      sim.network.set({ bytesPerSecond: 2_000_000 });
      const paced = await timed();
      expect(paced).toBeGreaterThanOrEqual(250);
      sim.network.set({});
      expect(await timed()).toBeLessThan(paced);
    } finally {
      await sim.close();
    }
  });
});
