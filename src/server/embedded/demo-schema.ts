/**
 * The demo database served when no database is configured: a small lending library with
 * one-to-many (publisher → books, member → loans), many-to-one (book → publisher), many-to-many
 * (books ↔ authors through book_author), an enum (book_genre, loan_status), a view
 * (book_summary) and a few hundred rows, generated deterministically in SQL so that no data
 * file ships. Written by us; it goes through the same discovery path as any PostgreSQL database.
 */

/** Bump when the schema or data below changes: a persisted demo database of another version is rebuilt. */
export const DEMO_SCHEMA_VERSION = 1;

/** The comment on schema `public` marking a database seeded with this version of the demo. */
export const DEMO_MARKER = `discograph-demo:${DEMO_SCHEMA_VERSION}`;

/** DDL and seed data of the demo library. */
export const DEMO_SCHEMA_SQL = `
create type book_genre as enum ('fiction', 'mystery', 'science', 'history', 'poetry', 'children');
create type loan_status as enum ('active', 'returned', 'overdue');

create table publisher (
  publisher_id integer generated always as identity primary key,
  name varchar(80) not null unique,
  city varchar(60) not null,
  founded_year smallint
);
comment on table publisher is 'A publishing house.';

create table author (
  author_id integer generated always as identity primary key,
  full_name varchar(100) not null,
  born_year smallint,
  country varchar(60)
);
comment on table author is 'A person who wrote at least one book in the library.';

create table book (
  book_id integer generated always as identity primary key,
  title varchar(200) not null,
  isbn char(13) not null unique,
  genre book_genre not null,
  published_on date not null,
  pages integer not null check (pages > 0),
  price numeric(8, 2) not null check (price >= 0),
  publisher_id integer not null references publisher (publisher_id),
  summary text,
  created_at timestamptz not null default now()
);
comment on table book is 'A title the library holds (one row per title, not per copy).';
comment on column book.isbn is 'ISBN-13, digits only.';
comment on column book.price is 'Replacement price in euros.';
create index book_publisher_id_idx on book (publisher_id);

create table book_author (
  book_id integer not null references book (book_id) on delete cascade,
  author_id integer not null references author (author_id) on delete cascade,
  primary key (book_id, author_id)
);
comment on table book_author is 'Who wrote which book.';
create index book_author_author_id_idx on book_author (author_id);

create table member (
  member_id integer generated always as identity primary key,
  full_name varchar(100) not null,
  email varchar(120) not null unique,
  joined_on date not null,
  active boolean not null default true
);
comment on table member is 'A library member who borrows books.';

create table loan (
  loan_id integer generated always as identity primary key,
  book_id integer not null references book (book_id),
  member_id integer not null references member (member_id),
  loaned_on date not null,
  due_on date not null,
  returned_on date,
  status loan_status not null default 'active'
);
comment on table loan is 'One book lent to one member.';
create index loan_book_id_idx on loan (book_id);
create index loan_member_id_idx on loan (member_id);

create view book_summary as
  select b.book_id, b.title, b.genre, p.name as publisher_name,
         (select count(*) from book_author ba where ba.book_id = b.book_id)::integer as author_count,
         (select count(*) from loan l where l.book_id = b.book_id)::integer as loan_count
    from book b join publisher p on p.publisher_id = b.publisher_id;
comment on view book_summary is 'Each book with its publisher, number of authors and number of loans.';

insert into publisher (name, city, founded_year)
select (array['Northwind Press', 'Harbor Lane Books', 'Blue Heron', 'Quarry House', 'Lantern & Oak',
              'Meridian', 'Saltmarsh Editions', 'Copperleaf'])[i],
       (array['Lisbon', 'Edinburgh', 'Montreal', 'Leipzig', 'Dublin', 'Oslo', 'Porto', 'Ghent'])[i],
       (1890 + i * 13)::smallint
  from generate_series(1, 8) as i;

insert into author (full_name, born_year, country)
select (array['Ada', 'Bruno', 'Clara', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas'])[1 + (i - 1) % 10]
       || ' ' ||
       (array['Almeida', 'Brandt', 'Castillo', 'Dubois', 'Eriksen', 'Fontaine', 'Gallo', 'Hale'])[1 + (i * 3) % 8],
       (1920 + (i * 37) % 80)::smallint,
       (array['Portugal', 'Germany', 'Spain', 'France', 'Norway', 'Italy', 'Ireland', 'Canada'])[1 + (i * 5) % 8]
  from generate_series(1, 40) as i;

insert into book (title, isbn, genre, published_on, pages, price, publisher_id, summary, created_at)
select (array['The', 'A', 'Our', 'Their'])[1 + i % 4] || ' ' ||
       (array['Silent', 'Golden', 'Hidden', 'Northern', 'Restless', 'Paper', 'Winter', 'Glass', 'Last', 'Patient'])[1 + (i * 7) % 10] || ' ' ||
       (array['Harbor', 'Orchard', 'Atlas', 'Garden', 'River', 'Lighthouse', 'Archive', 'Meadow', 'Engine', 'Letters', 'Circle', 'Voyage'])[1 + (i * 11) % 12],
       lpad((9780000000000 + i * 7919)::text, 13, '0'),
       (array['fiction', 'mystery', 'science', 'history', 'poetry', 'children'])[1 + (i * 5) % 6]::book_genre,
       date '1950-01-01' + (i * 211) % 26000,
       80 + (i * 53) % 700,
       round((4.99 + (i * 17) % 40 + ((i * 7) % 100) / 100.0)::numeric, 2),
       1 + (i * 3) % 8,
       case when i % 3 = 0 then null else 'A story numbered ' || i || ' in the demo catalogue.' end,
       timestamptz '2024-01-01 09:00:00+00' + make_interval(hours => i * 7)
  from generate_series(1, 150) as i;

insert into book_author (book_id, author_id)
select distinct b, 1 + (b * k * 13) % 40
  from generate_series(1, 150) as b, generate_series(1, 2) as k
 where k = 1 or b % 3 = 0;

insert into member (full_name, email, joined_on, active)
select (array['Mia', 'Noah', 'Olga', 'Pavel', 'Rosa', 'Samir', 'Tara', 'Umar', 'Vera', 'Wim', 'Yara', 'Zeno'])[1 + (i - 1) % 12]
       || ' ' ||
       (array['Keller', 'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Petrov'])[1 + (i * 5) % 6],
       'member' || i || '@library.example',
       date '2019-01-01' + (i * 29) % 1800,
       i % 9 <> 0
  from generate_series(1, 60) as i;

insert into loan (book_id, member_id, loaned_on, due_on, returned_on, status)
select 1 + (i * 37) % 150,
       1 + (i * 17) % 60,
       date '2024-01-01' + (i * 3) % 600,
       date '2024-01-01' + (i * 3) % 600 + 21,
       case when (i + i / 150) % 5 = 0 then null else date '2024-01-01' + (i * 3) % 600 + (i % 20) end,
       case when (i + i / 150) % 5 <> 0 then 'returned' when (i + i / 150) % 10 = 0 then 'overdue' else 'active' end::loan_status
  from generate_series(1, 300) as i;
`;
