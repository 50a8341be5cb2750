import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';

describe('relation statics define their foreign keys (LoopBack dataSource.defineForeignKey)', () => {
  it("runs the spec's example User.hasMany(Post, {as: 'posts', foreignKey: 'authorId'}) without declaring authorId", async () => {
    const ds = new DataSource('memory');
    const User = ds.define('User', { name: String });
    const Post = ds.define('Post', { title: String });
    User.hasMany(Post, { as: 'posts', foreignKey: 'authorId' });
    expect(Post.definition.properties.authorId?.typeName).toBe('Number');
    const ann = await User.create({ name: 'Ann' });
    const created = await Post.create({ title: 'hello', authorId: ann.id });
    expect(created.authorId).toBe(ann.id);
    const stored = await Post.findById(created.id);
    expect(stored.authorId).toBe(ann.id);
    const posts = await ann.posts();
    expect(posts.map((post: { title: string }) => post.title)).toEqual(['hello']);
  });

  it("runs the spec's example Post.belongsTo(User, {as: 'author', foreignKey: 'userId'}) without declaring userId", async () => {
    const ds = new DataSource('memory');
    const User = ds.define('User', { name: String });
    const Post = ds.define('Post', { title: String });
    Post.belongsTo(User, { as: 'author', foreignKey: 'userId' });
    const ann = await User.create({ name: 'Ann' });
    const post = await Post.create({ title: 'hello', userId: ann.id });
    const reloaded = await Post.findById(post.id);
    expect(reloaded.userId).toBe(ann.id);
    const author = await reloaded.author();
    expect(author.name).toBe('Ann');
  });

  it('types the defined key like the referenced id and keeps a declared key as it is', async () => {
    const ds = new DataSource('memory');
    const Author = ds.define('Author', { code: { type: String, id: true }, name: String });
    const Book = ds.define('Book', { title: String, writerCode: { type: String, required: true } });
    Book.belongsTo(Author, { as: 'author' });
    Author.hasMany(Book, { as: 'books', foreignKey: 'writerCode' });
    expect(Book.definition.properties.authorId?.typeName).toBe('String');
    expect(Book.definition.properties.writerCode?.definition.required).toBe(true);
  });

  it('uses LoopBack default key names: hasMany <model>Id on the target, belongsTo <relation>Id', async () => {
    const ds = new DataSource('memory');
    const User = ds.define('User', { name: String });
    const Post = ds.define('Post', { title: String });
    User.hasMany(Post);
    Post.belongsTo(User);
    const ann = await User.create({ name: 'Ann' });
    await ann.posts.create({ title: 'via scope' });
    const [post] = await Post.find({ include: 'user' });
    expect(post.userId).toBe(ann.id);
    expect(post.toJSON().user.name).toBe('Ann');
  });

  it('defines the keys of a relation to a model named by a string once that model is attached', async () => {
    const ds = new DataSource('memory');
    const User = ds.define('User', { name: String });
    User.hasMany('Post', { as: 'posts', foreignKey: 'authorId' });
    const Post = ds.define('Post', { title: String });
    expect(Post.definition.properties.authorId).toBeDefined();
    const ann = await User.create({ name: 'Ann' });
    await Post.create({ title: 'late', authorId: ann.id });
    expect((await ann.posts()).length).toBe(1);
  });

  it('defines both keys of the through model of hasMany through', async () => {
    const ds = new DataSource('memory');
    const Physician = ds.define('Physician', { name: String });
    const Patient = ds.define('Patient', { name: String });
    const Appointment = ds.define('Appointment', { date: Date });
    Physician.hasMany(Patient, { through: Appointment });
    const doctor = await Physician.create({ name: 'Who' });
    const amy = await Patient.create({ name: 'Amy' });
    await Appointment.create({ physicianId: doctor.id, patientId: amy.id, date: new Date() });
    const patients = await doctor.patients();
    expect(patients.map((patient: { name: string }) => patient.name)).toEqual(['Amy']);
  });
});
