import { describe, expect, it } from 'vitest';
import { ModelBuilder } from '../../src/juggler/model-builder.js';
import type { ModelInstance, ValidationErrorsBag } from '../../src/juggler/model-types.js';

function errorsOf(instance: ModelInstance): ValidationErrorsBag & Record<string, unknown> {
  return instance.errors as ValidationErrorsBag & Record<string, unknown>;
}

// Ported from loopback-datasource-juggler's test/validations.test.js (the cases of issue 18 item 19).
function defineUser() {
  return new ModelBuilder().define('User', { name: String, email: String, age: Number, zip: Number });
}

describe("validations as LoopBack's own test suite runs them", () => {
  it("counts '' as blank: allowBlank lets it through a length rule", () => {
    const User = defineUser();
    User.validatesLengthOf('name', { min: 2, allowBlank: true });
    expect(new User({ name: '' }).isValid()).toBe(true);
    expect(new User({ name: 'a' }).isValid()).toBe(false);
  });

  it("reports '' as blank (code <kind>.blank) without allowBlank", () => {
    const User = defineUser();
    User.validatesInclusionOf('email', { in: ['a@b.c'] });
    const user = new User({ email: '' });
    expect(user.isValid()).toBe(false);
    expect(errorsOf(user).codes).toEqual({ email: ['inclusion.blank'] });
    expect(errorsOf(user).email).toEqual(['is blank']);
  });

  it('validatesFormatOf tests the string form of a number', () => {
    const User = defineUser();
    User.validatesFormatOf('zip', { with: /^\d{5}$/ });
    expect(new User({ zip: 12345 }).isValid()).toBe(true);
    const short = new User({ zip: 123 });
    expect(short.isValid()).toBe(false);
    expect(errorsOf(short).codes).toEqual({ zip: ['format'] });
  });

  it("numericality reports one error for a value that is not a number ('is not a number')", () => {
    const User = defineUser();
    User.validatesNumericalityOf('age');
    const user = new User({ age: 'abc' });
    expect(user.isValid()).toBe(false);
    expect(errorsOf(user).age).toEqual(['is not a number']);
    expect(errorsOf(user).codes).toEqual({ age: ['numericality.number'] });
  });

  it('numericality with int reports one error for a fraction', () => {
    const User = defineUser();
    User.validatesNumericalityOf('age', { int: true });
    const user = new User({ age: 2.5 });
    expect(user.isValid()).toBe(false);
    expect(errorsOf(user).codes).toEqual({ age: ['numericality.int'] });
  });

  it('still reports an uncoercible value of a property no numericality rule covers', () => {
    const User = defineUser();
    const user = new User({ age: 'abc' });
    expect(user.isValid()).toBe(false);
    expect(errorsOf(user).codes).toEqual({ age: ['type'] });
  });
});
