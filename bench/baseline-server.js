// The floor: the same two reads as pitchside's benchmark, answered by node:http and pg alone,
// with the same JSON from the same database and the same token check. No GraphQL, no ORM. It also
// logs in (one read, the same argon2id verify, a token), for the floor of phase 1.
const http = require('node:http');
const { verify } = require('@node-rs/argon2');
const jwt = require('jsonwebtoken');
const pg = require('pg');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const secret = process.env.JWT_SECRET;

const iso = (date) => (date ? date.toISOString() : null);

async function events(viewerId) {
  const { rows } = await pool.query(
    `SELECT e.id, e.title, e.starts_at, e.ends_at, e.fee, e.audience,
            (SELECT count(*)::int FROM participations p WHERE p.event_id = e.id) AS participant_count,
            mine.id AS my_id, mine.attendance AS my_attendance, mine.payment AS my_payment
       FROM events e
       LEFT JOIN participations mine ON mine.event_id = e.id AND mine.member_id = $1
      ORDER BY e.starts_at, e.id LIMIT 20`,
    [viewerId],
  );
  return {
    data: {
      events: {
        edges: rows.map((r) => ({
          node: {
            id: r.id,
            title: r.title,
            startsAt: iso(r.starts_at),
            endsAt: iso(r.ends_at),
            fee: r.fee,
            audience: r.audience,
            participantCount: r.participant_count,
            myParticipation: r.my_id ? { id: r.my_id, attendance: r.my_attendance, payment: r.my_payment } : null,
          },
        })),
      },
    },
  };
}

async function event(id) {
  const [{ rows: found }, { rows: participants }] = await Promise.all([
    pool.query('SELECT id, title, address, starts_at, ends_at FROM events WHERE id = $1', [id]),
    pool.query(
      `SELECT p.id, p.attendance, m.id AS member_id, m.name FROM participations p JOIN members m ON m.id = p.member_id
        WHERE p.event_id = $1 ORDER BY p.id`,
      [id],
    ),
  ]);
  const e = found[0];
  return {
    data: {
      event: e && {
        id: e.id,
        title: e.title,
        address: e.address,
        startsAt: iso(e.starts_at),
        endsAt: iso(e.ends_at),
        participants: participants.map((p) => ({ id: p.id, attendance: p.attendance, member: { id: p.member_id, name: p.name } })),
      },
    },
  };
}

/** No throttle, no attempt log: just the password check and a token. */
async function login({ l: loginId, p: password }) {
  const { rows } = await pool.query('SELECT id, password_hash FROM members WHERE login_id = $1', [loginId]);
  if (!rows[0] || !(await verify(rows[0].password_hash, password))) throw new Error('Wrong login id or password.');
  const token = jwt.sign({ sub: rows[0].id }, secret, { algorithm: 'HS256', expiresIn: '12h', issuer: 'pitchside', audience: 'pitchside-api' });
  return { data: { login: { token } } };
}

http
  .createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    try {
      if (!request.headers.authorization) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(await login(JSON.parse(Buffer.concat(chunks).toString()).variables)));
        return;
      }
      const token = (request.headers.authorization || '').replace(/^Bearer /, '');
      const viewer = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'pitchside', audience: 'pitchside-api' });
      const body = JSON.parse(Buffer.concat(chunks).toString());
      const result = body.variables && body.variables.id ? await event(body.variables.id) : await events(viewer.sub);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result));
    } catch (error) {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: String(error.message) }] }));
    }
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('baseline ready\n'));
