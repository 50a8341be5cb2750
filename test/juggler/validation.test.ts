import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, ValidationError } from '../../src/juggler/errors.js';
import { ModelBuilder } from '../../src/juggler/model-builder.js';
import type { ModelSettings } from '../../src/juggler/model-definition.js';
import type { ModelInstance } from '../../src/juggler/model-types.js';
import type { ValidationErrors } from '../../src/juggler/validation/index.js';
import { validationErrorFor } from '../../src/juggler/validation/index.js';

/** The errors bag of the last validation run (it is `false` when the run passed). */
function errorsOf(instance: ModelInstance): ValidationErrors {
  return instance.errors as ValidationErrors;
}

function defineUser(settings: ModelSettings = {}) {
  return new ModelBuilder().define(
    'User',
    {
      name: String,
      email: String,
      password: String,
      state: String,
      nick: String,
      age: Number,
      gender: String,
      role: String,
      domain: String,
      balance: 'Decimal',
      visits: 'BigInt',
      tags: [String],
    },
    settings,
  );
}

/** Validates synchronously and returns {messages, codes} of the errors bag ({} when valid). */
function check(instance: { isValid(): boolean; errors: unknown }): {
  valid: boolean;
  messages: Record<string, string[]>;
  codes: Record<string, string[]>;
} {
  const valid = instance.isValid();
  const errors = instance.errors as false | (Record<string, string[]> & { codes: Record<string, string[]> });
  if (!errors) return { valid, messages: {}, codes: {} };
  return { valid, messages: { ...errors }, codes: errors.codes };
}

describe('validatesPresenceOf', () => {
  it("fails for undefined, null, '' and [] with \"can't be blank\"", () => {
    const User = defineUser();
    User.validatesPresenceOf('name', 'email');
    expect(check(new User({ name: 'Ann', email: 'a@b.c' })).valid).toBe(true);
    expect(check(new User({ name: '', email: null }))).toEqual({
      valid: false,
      messages: { name: ["can't be blank"], email: ["can't be blank"] },
      codes: { name: ['presence'], email: ['presence'] },
    });
    User.validatesPresenceOf('tags');
    expect(check(new User({ name: 'a', email: 'b', tags: [] })).codes).toEqual({ tags: ['presence'] });
  });

  it("uses a custom message (the spec's Post example)", () => {
    const Post = new ModelBuilder().define('Post', { title: String });
    Post.validatesPresenceOf('title', { message: 'Can not be blank' });
    expect(check(new Post({})).messages).toEqual({ title: ['Can not be blank'] });
  });

  it('is registered for required properties, except where the database supplies the value', () => {
    const Track = new ModelBuilder().define(
      'Track',
      {
        trackId: { type: Number, id: 1, required: true, generated: true },
        name: { type: String, required: true },
        createdAt: { type: Date, required: true, postgresql: { columnName: 'created_at', default: 'now()' } },
      },
      { idInjection: false },
    );
    expect(check(new Track({}))).toMatchObject({ valid: false, codes: { name: ['presence'] } });
  });
});

describe('validatesAbsenceOf', () => {
  it('fails when the value is set, with "can\'t be set"', () => {
    const User = defineUser();
    User.validatesAbsenceOf('nick');
    expect(check(new User({})).valid).toBe(true);
    expect(check(new User({ nick: 'x' }))).toMatchObject({
      messages: { nick: ["can't be set"] },
      codes: { nick: ['absence'] },
    });
  });
});

describe('validatesLengthOf', () => {
  it('checks min, max and is with the default messages and codes', () => {
    const User = defineUser();
    User.validatesLengthOf('password', { min: 7 });
    User.validatesLengthOf('email', { max: 10 });
    User.validatesLengthOf('state', { is: 2 });
    User.validatesLengthOf('nick', { min: 3, max: 15 });
    expect(check(new User({ password: 'secret!', email: 'a@b.c', state: 'CA', nick: 'ann' })).valid).toBe(
      true,
    );
    expect(
      check(new User({ password: 'short', email: 'much.too@long.example', state: 'CAL', nick: 'an' })),
    ).toEqual({
      valid: false,
      messages: {
        password: ['too short'],
        email: ['too long'],
        state: ['length is wrong'],
        nick: ['too short'],
      },
      codes: { password: ['length.min'], email: ['length.max'], state: ['length.is'], nick: ['length.min'] },
    });
  });

  it("uses per-case custom messages (the spec's examples)", () => {
    const User = defineUser();
    User.validatesLengthOf('password', { min: 7, message: { min: 'too weak' } });
    User.validatesLengthOf('state', { is: 2, message: { is: 'is not valid state name' } });
    expect(check(new User({ password: '123', state: 'Cal' })).messages).toEqual({
      password: ['too weak'],
      state: ['is not valid state name'],
    });
  });

  it('keeps the default of the cases a message object does not name', () => {
    const User = defineUser();
    User.validatesLengthOf('password', { min: 6, max: 20, message: { min: 'too short!' } });
    expect(check(new User({ password: 'x'.repeat(21) })).messages).toEqual({ password: ['too long'] });
  });

  it("fails on undefined as 'blank' and on null as 'null' unless allowBlank / allowNull, as LoopBack", () => {
    const User = defineUser();
    User.validatesLengthOf('nick', { max: 5 });
    expect(check(new User({}))).toMatchObject({
      messages: { nick: ['is blank'] },
      codes: { nick: ['length.blank'] },
    });
    expect(check(new User({ nick: null }))).toMatchObject({
      messages: { nick: ['is null'] },
      codes: { nick: ['length.null'] },
    });
    const Lenient = defineUser();
    Lenient.validatesLengthOf('nick', { max: 5, allowBlank: true, allowNull: true });
    expect(check(new Lenient({})).valid).toBe(true);
    expect(check(new Lenient({ nick: null })).valid).toBe(true);
  });

  it('needs min, max or is', () => {
    expect(() => defineUser().validatesLengthOf('nick', {} as never)).toThrow(InvalidArgumentError);
  });
});

describe('validatesNumericalityOf', () => {
  it('checks numbers and integers with the default messages', () => {
    const User = defineUser();
    User.validatesNumericalityOf('age', { int: true });
    expect(check(new User({ age: '42' })).valid).toBe(true);
    expect(check(new User({ age: 4.2 }))).toMatchObject({
      messages: { age: ['is not an integer'] },
      codes: { age: ['numericality.int'] },
    });
    const Loose = defineUser({ strict: false });
    Loose.validatesNumericalityOf('score');
    expect(check(new Loose({ score: 'ten' }))).toMatchObject({
      messages: { score: ['is not a number'] },
      codes: { score: ['numericality.number'] },
    });
  });

  it("uses per-case custom messages (the spec's examples)", () => {
    const Loose = defineUser({ strict: false });
    Loose.validatesNumericalityOf('score', { message: { number: 'must be numeric' } });
    Loose.validatesNumericalityOf('age', { int: true, message: { int: 'must be whole' } });
    expect(check(new Loose({ score: 'x', age: 1.5 })).messages).toEqual({
      score: ['must be numeric'],
      age: ['must be whole'],
    });
  });

  it('accepts exact Decimal and BigInt strings as numbers', () => {
    const User = defineUser();
    User.validatesNumericalityOf('balance');
    User.validatesNumericalityOf('visits', { int: true });
    expect(check(new User({ balance: '12345678901234567890.12', visits: '9007199254740993' })).valid).toBe(
      true,
    );
    const Whole = defineUser();
    Whole.validatesNumericalityOf('balance', { int: true });
    expect(check(new Whole({ balance: '1.50' })).codes).toEqual({ balance: ['numericality.int'] });
    expect(check(new Whole({ balance: '2.00' })).valid).toBe(true);
  });
});

describe('validatesInclusionOf and validatesExclusionOf', () => {
  it("checks inclusion with the default and a custom message (the spec's examples)", () => {
    const User = defineUser();
    User.validatesInclusionOf('gender', { in: ['male', 'female'] });
    User.validatesInclusionOf('role', { in: ['admin', 'moderator', 'user'], message: 'is not allowed' });
    expect(check(new User({ gender: 'female', role: 'user' })).valid).toBe(true);
    expect(check(new User({ gender: 'other', role: 'root' }))).toEqual({
      valid: false,
      messages: { gender: ['is not included in the list'], role: ['is not allowed'] },
      codes: { gender: ['inclusion'], role: ['inclusion'] },
    });
  });

  it('checks exclusion with "is reserved" (the spec\'s Company example)', () => {
    const Company = new ModelBuilder().define('Company', { domain: String });
    Company.validatesExclusionOf('domain', { in: ['www', 'admin'] });
    expect(check(new Company({ domain: 'acme' })).valid).toBe(true);
    expect(check(new Company({ domain: 'www' }))).toMatchObject({
      messages: { domain: ['is reserved'] },
      codes: { domain: ['exclusion'] },
    });
  });
});

describe('validatesFormatOf', () => {
  it('checks a RegExp with "is invalid" and a custom message', () => {
    const User = defineUser();
    User.validatesFormatOf('email', { with: /^\S+@\S+\.\S+$/ });
    User.validatesFormatOf('nick', { with: /^[a-z]+$/, message: 'only lowercase letters' });
    expect(check(new User({ email: 'ann@example.com', nick: 'ann' })).valid).toBe(true);
    expect(check(new User({ email: 'ann at example', nick: 'Ann' }))).toEqual({
      valid: false,
      messages: { email: ['is invalid'], nick: ['only lowercase letters'] },
      codes: { email: ['format'], nick: ['format'] },
    });
  });

  it('applies allowNull', () => {
    const User = defineUser();
    User.validatesFormatOf('email', { with: /@/, allowNull: true });
    expect(check(new User({ email: null })).valid).toBe(true);
  });
});

describe('conditional validations', () => {
  it('skips a rule when `if` does not hold or `unless` holds', () => {
    const User = defineUser();
    User.validatesPresenceOf('email', { if: 'role' });
    User.validatesPresenceOf('password', {
      unless(this: ModelInstance) {
        return this.role === 'guest';
      },
    });
    expect(check(new User({ password: 'x' })).valid).toBe(true);
    expect(check(new User({ role: 'admin' })).codes).toEqual({ email: ['presence'], password: ['presence'] });
    expect(check(new User({ role: 'guest' })).codes).toEqual({ email: ['presence'] });
  });

  it('uses a custom error code when given one', () => {
    const User = defineUser();
    User.validatesLengthOf('email', { max: 3, code: 'email' });
    expect(check(new User({ email: 'toolong' })).codes).toEqual({ email: ['email.max'] });
  });
});

describe('validate (custom synchronous validator)', () => {
  it("runs the spec's example", () => {
    const User = defineUser();
    User.validate('name', customValidator, { message: 'Bad name' });
    function customValidator(this: ModelInstance, err: () => void) {
      if (this.name === 'bad') err();
    }
    const user = new User({ name: 'Peter' });
    expect(user.isValid()).toBe(true);
    user.name = 'bad';
    expect(user.isValid()).toBe(false);
    expect(errorsOf(user).name).toEqual(['Bad name']);
    expect(errorsOf(user).codes.name).toEqual(['custom']);
  });

  it('defaults to "is invalid"', () => {
    const User = defineUser();
    User.validate('name', (err) => err());
    expect(check(new User({})).messages).toEqual({ name: ['is invalid'] });
  });
});

describe('isValid', () => {
  it('clears the errors bag before each run and sets errors to false when valid', () => {
    const User = defineUser();
    User.validatesPresenceOf('name');
    const user = new User({});
    expect(user.errors).toBe(false);
    expect(user.isValid()).toBe(false);
    expect(errorsOf(user).name).toEqual(["can't be blank"]);
    user.name = 'Ann';
    expect(user.isValid()).toBe(true);
    expect(user.errors).toBe(false);
  });

  it('passes the result to a callback as in the spec example', () => {
    const User = defineUser();
    User.validatesPresenceOf('name');
    let result: boolean | undefined;
    new User({}).isValid((valid) => {
      result = valid;
    });
    expect(result).toBe(false);
  });

  it('has a promise form (validate) for the data layer', async () => {
    const User = defineUser();
    User.validatesPresenceOf('name');
    const user = new User({});
    await expect(user.validate()).resolves.toBe(false);
    user.name = 'x';
    await expect(user.validate()).resolves.toBe(true);
  });
});

describe('validations declared in settings', () => {
  it('registers presence, length, numericality, inclusion, format and exclusion declarations', () => {
    const Customer = new ModelBuilder().define(
      'Customer',
      { firstName: String, country: String, age: Number, email: String, mood: String, code: String },
      {
        validations: [
          { kind: 'presence', property: 'firstName' },
          { kind: 'length', property: 'country', options: { max: 2, allowNull: true, allowBlank: true } },
          { kind: 'numericality', property: 'age', options: { int: true, allowBlank: true } },
          { kind: 'inclusion', property: 'mood', options: { in: ['happy', 'sad'], allowBlank: true } },
          { kind: 'format', property: 'email', options: { with: '^\\S+@\\S+$', allowBlank: true } },
          { kind: 'exclusion', property: 'code', options: { in: ['root'], allowBlank: true } },
        ],
      },
    );
    expect(check(new Customer({ firstName: 'Ann' })).valid).toBe(true);
    expect(
      check(new Customer({ country: 'FRA', age: 1.5, mood: 'meh', email: 'nope', code: 'root' })).codes,
    ).toEqual({
      firstName: ['presence'],
      country: ['length.max'],
      age: ['numericality.int'],
      mood: ['inclusion'],
      email: ['format'],
      code: ['exclusion'],
    });
    expect(Customer.definition.toJSON().options?.validations?.[4]).toEqual({
      kind: 'format',
      property: 'email',
      options: { with: '^\\S+@\\S+$', allowBlank: true },
    });
  });
});

describe('validationErrorFor', () => {
  it("builds LoopBack's ValidationError (422, details by property) from an invalid instance", () => {
    const User = defineUser();
    User.validatesPresenceOf('password');
    User.validatesFormatOf('email', { with: /@/, message: 'Email is invalid' });
    const user = new User({ email: 'nope' });
    expect(user.isValid()).toBe(false);
    const error = validationErrorFor(user);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.statusCode).toBe(422);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({
      context: 'User',
      codes: { password: ['presence'], email: ['format'] },
      messages: { password: ["can't be blank"], email: ['Email is invalid'] },
    });
    expect(error.message).toBe(
      "The `User` instance is not valid. Details: `password` can't be blank; `email` Email is invalid.",
    );
  });
});
