import { type Flag, isOn } from './evaluate.js';

interface Env {
  FLAGS: KVNamespace;
  FLAG_CACHE_TTL_SECONDS: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const userId = url.searchParams.get('user');
    const keys = url.searchParams.getAll('flag');
    if (!userId || keys.length === 0) {
      return Response.json(
        { error: 'user and at least one flag are required' },
        { status: 400 },
      );
    }
    const ttl = Number(env.FLAG_CACHE_TTL_SECONDS);
    const result: Record<string, boolean> = {};
    for (const key of keys) {
      const flag = await env.FLAGS.get<Flag>(`flag:${key}`, {
        type: 'json',
        cacheTtl: ttl,
      });
      result[key] = flag ? isOn(flag, userId) : false;
    }
    return Response.json(result, {
      headers: { 'Cache-Control': 'private, no-store' },
    });
  },
} satisfies ExportedHandler<Env>;
