import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../src/server/observability/redact-secrets.js';

describe('redactSecrets', () => {
  it.each([
    ['cannot reach postgres://app:s3cret@db:5432/app', 'cannot reach postgres://app:***@db:5432/app'],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc refused', 'token [redacted] refused'],
    ['header BEARER abc.def-ghi', 'header BEARER [redacted]'],
    ['header Basic dXNlcjpwYXNz', 'header Basic [redacted]'],
    ['connect with Password=hunter2;host=db', 'connect with Password=[redacted];host=db'],
    ['api-key=xyz and access_key=abc', 'api-key=[redacted] and access_key=[redacted]'],
  ])('replaces the secret in %j', (text, redacted) => {
    expect(redactSecrets(text)).toBe(redacted);
  });

  it('returns a line without any secret as it is (the same string)', () => {
    const line = 'request';
    expect(redactSecrets(line)).toBe(line);
    expect(redactSecrets('discovery: 11 models in 420 ms')).toBe('discovery: 11 models in 420 ms');
  });
});
