// PostGraphile v5 config for the secure benchmark ("Speed with security on", issue 15): the
// open config (graphile.config.mjs beside it, copied from pg5.graphile.config.mjs) plus JWT
// authentication done as PostGraphile 5's JWT guide says — you verify the token yourself and the
// `preset.grafast.context` callback returns `pgSettings`, which PostGraphile applies per request
// in a transaction (`begin; select set_config(k, v, true) …; <query>; commit`). Copied to
// $BENCH_PEERS/pg5/graphile.secure.config.mjs by start.sh (system `pg5-secure`).
// Env: JWT_SECRET (HS256 secret, required: start.sh reads it from
//      bench/secure/discograph.secure.config.json), PG5_ALLOWED_ROLES (default bench_user),
//      PG5_ANONYMOUS_ROLE (default bench_user) and DATABASE_URL/PORT as the open config.
//
// A request with `Authorization: Bearer <HS256 JWT>` runs with pgSettings
//   { role: <claims.role>, 'request.jwt.claims': <the claims as JSON> }
// (the role must be one of PG5_ALLOWED_ROLES). A request without the header runs as the anonymous
// role without claims (PostGraphile v4's `pgDefaultRole`): the benchmark's policies then admit no
// row. A bad, expired or wrongly signed token, or a role not allowed, is refused with HTTP 401/403.
import jwt from 'jsonwebtoken';
import openPreset from './graphile.config.mjs';

const secret = process.env.JWT_SECRET;
if (!secret) throw new Error('pg5-secure: set JWT_SECRET (the HS256 secret of the secure benchmark)');
const allowedRoles = new Set((process.env.PG5_ALLOWED_ROLES ?? 'bench_user').split(','));
const anonymousRole = process.env.PG5_ANONYMOUS_ROLE ?? 'bench_user';

const refused = (status, message) => Object.assign(new Error(message), { statusCode: status });

/** pgSettings of one request, from its Authorization header. */
function pgSettingsOf(authorization) {
  if (authorization === undefined) return { role: anonymousRole };
  const bearer = /^Bearer ([A-Za-z0-9_.-]+)$/i.exec(authorization);
  if (!bearer) throw refused(401, 'Authorization header is not "Bearer <token>"');
  let claims;
  try {
    claims = jwt.verify(bearer[1], secret, { algorithms: ['HS256'] });
  } catch (error) {
    throw refused(401, `invalid token: ${error.message}`);
  }
  if (typeof claims !== 'object' || !allowedRoles.has(claims.role)) {
    throw refused(403, `role ${JSON.stringify(claims?.role)} is not allowed`);
  }
  return { role: claims.role, 'request.jwt.claims': JSON.stringify(claims) };
}

/** @type {GraphileConfig.Preset} */
const preset = {
  ...openPreset,
  grafast: {
    ...openPreset.grafast,
    context(requestContext) {
      return { pgSettings: pgSettingsOf(requestContext.node?.req?.headers?.authorization) };
    },
  },
};
export default preset;
