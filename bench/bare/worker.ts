// The baseline for `collector-ratio`: a Worker that only inserts the raw body into D1, nothing else.
interface Env {
  DB: D1Database;
}

export default {
  async fetch(req: Request, env: Env): Promise<Response> {
    if (req.method !== 'POST') return new Response('ok');
    const body = await req.text();
    await env.DB.prepare('INSERT INTO raw (id, body) VALUES (?, ?)').bind(crypto.randomUUID(), body).run();
    return new Response('{}', { status: 202 });
  },
} satisfies ExportedHandler<Env>;
