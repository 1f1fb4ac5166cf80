// Talking to the server under test as a browser session would: sign in with a password over
// HTTP, then JSON requests carrying the session cookie. A request the kill cut off is 'lost'.

export interface Reply {
  /** The HTTP status, or 'lost' when the connection died before an answer. */
  status: number | 'lost';
  body: unknown;
  /** Milliseconds from sending to the answer (or to the loss). */
  ms: number;
}

export interface Session {
  base: string;
  cookie: string;
  send(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
}

async function request(
  base: string,
  cookie: string | null,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply & { setCookie: string[] }> {
  const started = Date.now();
  try {
    const res = await fetch(base + url, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      // not JSON: kept as text
    }
    return {
      status: res.status,
      body: parsed,
      ms: Date.now() - started,
      setCookie: res.headers.getSetCookie(),
    };
  } catch (e) {
    if (process.env.CRASH_DEBUG)
      console.error(`${method} ${url}: ${String((e as Error).cause ?? e)}`);
    return { status: 'lost', body: null, ms: Date.now() - started, setCookie: [] };
  }
}

/** Signs in with email and password (the server runs with ASYLON_MFA_REQUIRED=false). */
export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const res = await request(base, null, 'POST', '/api/v1/auth/login', { email, password });
  const status = (res.body as { status?: string } | null)?.status;
  if (res.status !== 200 || status !== 'ok')
    throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = res.setCookie
    .map((c) => c.split(';')[0]!)
    .find((c) => c.includes('asylon_session=') && !c.endsWith('='));
  if (!cookie) throw new Error('sign-in gave no session cookie');
  return {
    base,
    cookie,
    send: (method, url, body, headers) => request(base, cookie, method, url, body, headers),
  };
}

/** Throws unless the reply has the expected status; returns its body. */
export function expectStatus<T>(reply: Reply, status: number, what: string): T {
  if (reply.status !== status)
    throw new Error(
      `${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`,
    );
  return reply.body as T;
}
