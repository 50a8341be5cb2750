-- The workshop schema (MariaDB/MySQL): the same tables as schema.postgresql.sql, in this
-- dialect's types (decimal, tinyint(1) booleans, timestamp(6) — MySQL's instant, as timestamptz is
-- PostgreSQL's, so both serve DateTime — auto_increment from 100). The seed's timestamps are UTC.
set time_zone = '+00:00';
create table customer (
  customer_id int primary key,
  name varchar(60) not null,
  email varchar(100) unique,
  loyalty_points bigint not null default 0,
  joined_on date not null
);

create table mechanic (
  mechanic_id int primary key,
  name varchar(60) not null,
  mentor_id int,
  hourly_rate decimal(8, 2) not null,
  active tinyint(1) not null default 1,
  hired_at timestamp(6) not null,
  constraint mechanic_mentor_fk foreign key (mentor_id) references mechanic (mechanic_id)
);

create table skill (
  skill_id int primary key,
  name varchar(40) not null unique
);

create table mechanic_skill (
  mechanic_id int not null,
  skill_id int not null,
  primary key (mechanic_id, skill_id),
  constraint mechanic_skill_mechanic_fk foreign key (mechanic_id) references mechanic (mechanic_id),
  constraint mechanic_skill_skill_fk foreign key (skill_id) references skill (skill_id)
);

create table vehicle (
  vehicle_id int primary key,
  owner_id int,
  plate varchar(12) not null unique,
  model varchar(40) not null,
  odometer_km int not null,
  constraint vehicle_owner_fk foreign key (owner_id) references customer (customer_id)
);

create table part (
  part_id varchar(20) primary key,
  name varchar(60) not null,
  price decimal(10, 2) not null,
  serial_base bigint not null
);

create table job (
  job_id int auto_increment primary key,
  vehicle_id int not null,
  opened_by int not null,
  closed_by int,
  opened_at timestamp(6) not null,
  closed_at timestamp(6) null,
  estimate decimal(10, 2),
  paid tinyint(1) not null default 0,
  notes text,
  constraint job_vehicle_fk foreign key (vehicle_id) references vehicle (vehicle_id),
  constraint job_opened_by_fk foreign key (opened_by) references mechanic (mechanic_id),
  constraint job_closed_by_fk foreign key (closed_by) references mechanic (mechanic_id)
) auto_increment = 100;

create table job_part (
  job_id int not null,
  line_no int not null,
  part_id varchar(20) not null,
  quantity int not null default 1,
  unit_price decimal(10, 2) not null,
  primary key (job_id, line_no),
  constraint job_part_job_fk foreign key (job_id) references job (job_id),
  constraint job_part_part_fk foreign key (part_id) references part (part_id)
);

create table warranty_claim (
  claim_id int primary key,
  job_id int not null,
  line_no int not null,
  filed_on date not null,
  amount decimal(10, 2) not null,
  constraint warranty_claim_job_part_fk foreign key (job_id, line_no) references job_part (job_id, line_no)
);

create view open_job as
  select job_id, vehicle_id, opened_by, opened_at, estimate from job where closed_at is null;
