-- The workshop's rows, the same for both dialects (run after schema.<dialect>.sql; PostgreSQL
-- and MariaDB read the timestamps in UTC). Few rows, chosen for:
-- nulls (a customer without email, a vehicle without owner, open jobs without closed_by), ties
-- in ordering (two mechanics at 48.50, two jobs estimated 250.00), parents without children
-- (customer 3 has no vehicle, mechanic 5 opened no job, skill 4 and part WIPER are unused),
-- a bigint past 2^53, microseconds, and a mentor chain 4 → 2 → 1.
insert into customer (customer_id, name, email, loyalty_points, joined_on) values
  (1, 'Ada Lovelace', 'ada@example.com', 9007199254740993, '2019-04-01'),
  (2, 'Brendan Eich', null, 0, '2021-06-15'),
  (3, 'Charles Babbage', 'charles@example.com', 120, '2022-01-10');

insert into mechanic (mechanic_id, name, mentor_id, hourly_rate, active, hired_at) values
  (1, 'Grace', null, 65.00, true, '2015-02-01 09:00:00'),
  (2, 'Linus', 1, 48.50, true, '2018-07-15 08:30:00.123456'),
  (3, 'Margaret', 1, 48.50, true, '2019-11-04 07:45:00'),
  (4, 'Dennis', 2, 40.00, false, '2020-01-20 10:00:00'),
  (5, 'Ken', null, 55.25, true, '2023-09-01 09:00:00');

insert into skill (skill_id, name) values
  (1, 'brakes'), (2, 'electrics'), (3, 'engines'), (4, 'welding');

insert into mechanic_skill (mechanic_id, skill_id) values
  (1, 1), (1, 2), (1, 3), (2, 1), (3, 2), (3, 3), (4, 1);

insert into vehicle (vehicle_id, owner_id, plate, model, odometer_km) values
  (1, 1, 'AB-123-CD', 'Volvo 240', 312000),
  (2, 1, 'EF-456-GH', 'Saab 900', 187500),
  (3, 2, 'IJ-789-KL', 'Fiat Panda', 98000),
  (4, null, 'MN-012-OP', 'Lada Niva', 45000);

insert into part (part_id, name, price, serial_base) values
  ('BRK-PAD', 'Brake pad set', 39.90, 9007199254740993),
  ('OIL-5W30', 'Engine oil 5W-30', 12.50, 9223372036854775807),
  ('SPARK', 'Spark plug', 4.99, 1000),
  ('WIPER', 'Wiper blade', 9.95, 2000);

insert into job (job_id, vehicle_id, opened_by, closed_by, opened_at, closed_at, estimate, paid, notes) values
  (1, 1, 2, 1, '2024-03-01 08:15:30.123456', '2024-03-01 16:00:00', 250.00, true, 'Brakes squeal'),
  (2, 1, 3, 3, '2024-03-04 09:00:00', '2024-03-04 11:30:00', 80.00, true, null),
  (3, 3, 2, null, '2024-03-05 10:00:00', null, 400.00, false, 'Won''t start'),
  (4, 2, 1, 2, '2024-03-06 13:00:00', '2024-03-07 09:00:00', 250.00, false, 'Oil change and pads'),
  (5, 4, 4, null, '2024-03-08 15:20:00', null, null, false, 'Abandoned: no owner');

insert into job_part (job_id, line_no, part_id, quantity, unit_price) values
  (1, 1, 'BRK-PAD', 2, 39.90),
  (1, 2, 'OIL-5W30', 5, 12.50),
  (3, 1, 'SPARK', 4, 4.99),
  (3, 2, 'OIL-5W30', 4, 12.00),
  (4, 1, 'BRK-PAD', 1, 42.00);

insert into warranty_claim (claim_id, job_id, line_no, filed_on, amount) values
  (1, 1, 1, '2024-05-02', 39.90),
  (2, 1, 1, '2024-06-10', 39.90),
  (3, 4, 1, '2024-04-01', 42.00);
