import { describe, expect, it } from 'vitest';
import { readAuthConfig } from '../../src/server/config/auth-config.js';
import { ConfigError, loadConfig } from '../../src/server/config.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

function read(file: unknown, env: NodeJS.ProcessEnv = {}) {
  return readAuthConfig({ file, env, cwd: '/srv/app' });
}

describe('the auth settings', () => {
  it('leave authentication off by default, with anonymous access allowed', () => {
    expect(loadConfig({ env: {}, cwd: '/nonexistent' }).auth).toEqual({
      anonymous: 'allow',
      anonymousRole: 'anonymous',
      setRole: false,
      allowedRoles: [],
    });
  });

  it('read the environment variables, over the config file setting by setting', () => {
    const auth = read(
      {
        jwt: { secret: SECRET, audience: 'from-file', roleClaim: 'db_role' },
        setRole: true,
        allowedRoles: ['a'],
      },
      {
        DISCOGRAPH_JWT_AUDIENCE: 'api,admin',
        DISCOGRAPH_JWT_ISSUER: 'https://issuer.test',
        DISCOGRAPH_JWT_CLOCK_TOLERANCE_SECONDS: '30',
        DISCOGRAPH_AUTH_ALLOWED_ROLES: 'reader, writer',
        DISCOGRAPH_AUTH_ANONYMOUS: 'refuse',
      },
    );
    expect(auth).toEqual({
      jwt: {
        secret: SECRET,
        audience: ['api', 'admin'],
        issuer: 'https://issuer.test',
        clockToleranceSeconds: 30,
        roleClaim: 'db_role',
        verifiedTokenCacheBytes: 1_048_576,
      },
      anonymous: 'refuse',
      anonymousRole: 'anonymous',
      setRole: true,
      allowedRoles: ['reader', 'writer'],
    });
  });

  it('resolve key files against the working directory', () => {
    expect(read({ jwt: { publicKeyFile: 'keys/jwt.pem' } }).jwt?.publicKeyFile).toBe('/srv/app/keys/jwt.pem');
    expect(read({}, { DISCOGRAPH_JWT_JWKS_FILE: 'jwks.json' }).jwt?.jwksFile).toBe('/srv/app/jwks.json');
  });

  it.each([
    [{ jwt: { secret: 'short' } }, {}, /"auth\.jwt\.secret" is \(hidden\); expected at least 32 characters/],
    [
      { jwt: { secret: SECRET } },
      { DISCOGRAPH_JWT_PUBLIC_KEY_FILE: 'k.pem' },
      /"auth\.jwt" is "with secret and publicKeyFile"; expected exactly one of secret/,
    ],
    [{ jwt: { audience: 'x' } }, {}, /"auth\.jwt" is "without a key"; expected exactly one of secret/],
    [
      { jwt: { secret: SECRET }, setRole: true },
      {},
      /"auth\.allowedRoles" is \[\]; expected .*auth\.setRole needs them/,
    ],
    [
      { jwt: { secret: SECRET, algorithms: ['none'] } },
      {},
      /config file: "auth\.jwt\.algorithms\.0" is "none"; expected one of "HS256"/,
    ],
    [
      { jwt: { secret: SECRET, clockToleranceSeconds: -1 } },
      {},
      'config file: "auth.jwt.clockToleranceSeconds" is -1; expected a whole number from 0 to 3600',
    ],
    [{ jwt: { secret: SECRET, leeway: 5 } }, {}, 'config file: unknown setting "auth.jwt.leeway"'],
    [
      { anonymous: 'maybe' },
      {},
      'config file: "auth.anonymous" is "maybe"; expected one of "allow", "refuse"',
    ],
    [
      {},
      { DISCOGRAPH_AUTH_SET_ROLE: 'perhaps' },
      'environment: "DISCOGRAPH_AUTH_SET_ROLE" is "perhaps"; expected true or false (or 1/0, yes/no, on/off)',
    ],
  ])('refuse %j with env %j: a ConfigError naming the setting', (file, env, message) => {
    expect(() => read(file, env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => read(file, env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('never repeat a secret in an error', () => {
    expect(() => read({ jwt: { secret: 'short-but-secret' } })).not.toThrow(/short-but-secret/);
    expect(() => read({ jwt: { secret: 42 } })).toThrow(
      'config file: "auth.jwt.secret" is (hidden); expected a string',
    );
  });
});
