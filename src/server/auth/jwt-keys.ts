/**
 * The key tokens are verified with, read once at start from `auth.jwt`: an HMAC secret, a PEM
 * public key (or certificate) file, or a JWKS file; and the algorithms accepted with it (the
 * configured ones, checked against the key, or those the key is for). The key is imported once as
 * a Node `KeyObject` (jose turns it into a WebCrypto key once per algorithm and keeps it), so a
 * verification never parses or imports a key.
 */
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { JwtAlgorithm, JwtConfig } from '../config/auth-config.js';
import { ConfigError } from '../config/config-error.js';

/** The verification key and the algorithms tokens may use with it. */
export interface VerificationKey {
  key: KeyObject | JWTVerifyGetKey;
  algorithms: JwtAlgorithm[];
  /** What the key is, for the start's log line (never the key). */
  description: string;
}

const HMAC: JwtAlgorithm[] = ['HS256', 'HS384', 'HS512'];
const RSA: JwtAlgorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const EC_BY_CURVE: Record<string, JwtAlgorithm> = {
  prime256v1: 'ES256',
  'P-256': 'ES256',
  secp384r1: 'ES384',
  'P-384': 'ES384',
  secp521r1: 'ES512',
  'P-521': 'ES512',
};
const EDDSA: JwtAlgorithm[] = ['EdDSA', 'Ed25519'];

/** The algorithms a public key verifies. */
function algorithmsOfPublicKey(key: KeyObject): JwtAlgorithm[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return RSA;
    case 'rsa-pss':
      return RSA.filter((algorithm) => algorithm.startsWith('PS'));
    case 'ec': {
      const algorithm = EC_BY_CURVE[key.asymmetricKeyDetails?.namedCurve ?? ''];
      return algorithm ? [algorithm] : [];
    }
    case 'ed25519':
      return EDDSA;
    default:
      return [];
  }
}

/** The algorithms the keys of a JWK set verify (their `alg`, or what their type is for). */
function algorithmsOfKeySet(keys: JSONWebKeySet['keys']): JwtAlgorithm[] {
  const algorithms = new Set<JwtAlgorithm>();
  for (const jwk of keys) {
    if (jwk.alg) algorithms.add(jwk.alg as JwtAlgorithm);
    else if (jwk.kty === 'RSA') for (const algorithm of RSA) algorithms.add(algorithm);
    else if (jwk.kty === 'EC' && EC_BY_CURVE[jwk.crv ?? ''])
      algorithms.add(EC_BY_CURVE[jwk.crv ?? ''] as JwtAlgorithm);
    else if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519')
      for (const algorithm of EDDSA) algorithms.add(algorithm);
  }
  return [...algorithms].filter((algorithm) => !HMAC.includes(algorithm));
}

/** The configured algorithms, each one the key verifies; or all the key verifies. */
function acceptedAlgorithms(config: JwtConfig, supported: JwtAlgorithm[], setting: string): JwtAlgorithm[] {
  if (supported.length === 0) {
    throw new ConfigError(
      `${setting} holds no key Discograph can verify tokens with (RSA, EC P-256/384/521, Ed25519)`,
      {
        name: setting,
      },
    );
  }
  if (!config.algorithms) return supported;
  const wrong = config.algorithms.filter((algorithm) => !supported.includes(algorithm));
  if (wrong.length > 0) {
    throw new ConfigError(
      `auth.jwt.algorithms lists ${wrong.join(', ')}, which the key of ${setting} cannot verify; it verifies ${supported.join(', ')}`,
      { name: 'auth.jwt.algorithms', wrong, supported },
    );
  }
  return config.algorithms;
}

function readKeyFile(setting: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read ${setting} ${file}: ${(error as Error).message}`, {
      name: setting,
      file,
    });
  }
}

/** Reads and imports the verification key of `config` (see the file comment). */
export function loadVerificationKey(config: JwtConfig): VerificationKey {
  if (config.secret !== undefined) {
    return {
      key: createSecretKey(Buffer.from(config.secret, 'utf8')),
      algorithms: acceptedAlgorithms(config, HMAC, 'auth.jwt.secret'),
      description: 'an HMAC secret',
    };
  }
  if (config.publicKeyFile !== undefined) {
    const setting = 'auth.jwt.publicKeyFile';
    let key: KeyObject;
    try {
      key = createPublicKey(readKeyFile(setting, config.publicKeyFile));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(
        `${setting} ${config.publicKeyFile} holds no PEM public key: ${(error as Error).message}`,
        {
          name: setting,
        },
      );
    }
    return {
      key,
      algorithms: acceptedAlgorithms(config, algorithmsOfPublicKey(key), setting),
      description: `the ${key.asymmetricKeyType} public key in ${config.publicKeyFile}`,
    };
  }
  const setting = 'auth.jwt.jwksFile';
  const file = config.jwksFile ?? '';
  let keySet: JSONWebKeySet;
  try {
    keySet = JSON.parse(readKeyFile(setting, file)) as JSONWebKeySet;
    if (!Array.isArray(keySet?.keys)) throw new Error('it has no "keys" list');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${setting} ${file} is not a JSON Web Key Set: ${(error as Error).message}`, {
      name: setting,
    });
  }
  return {
    key: createLocalJWKSet(keySet),
    algorithms: acceptedAlgorithms(config, algorithmsOfKeySet(keySet.keys), setting),
    description: `the ${keySet.keys.length} key(s) of ${file}`,
  };
}
