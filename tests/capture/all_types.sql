-- Fixtures of the capture integration tests (tests/capture/full_load_test.sh): one table with
-- every column type binlake maps (docs/formats/types.md) holding its edge values, and the key
-- shapes the full load must chunk. Runs in the current database, as root (the test creates the
-- database and pipes this file to `scripts/mariadb-server.sh sql`). Every session value the
-- rows depend on is set here, so the file means the same on any server.
SET NAMES utf8mb4;
SET time_zone = '+00:00';
SET sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION';

-- Every mapped type. Row 1: minimums; row 2: maximums; row 3: NULL in every nullable column;
-- rows 4-6: the awkward values in between (zero dates, subnormals, odd text). FLOAT -0.0 is
-- row 6 (-1e-50 rounds to it; the literal -0.0 is a DECIMAL zero and stores +0). The server
-- sends a stored -0.0 as 0.0 to a SELECT, so the full load reads 0.0.
CREATE TABLE all_types (
  id INT NOT NULL PRIMARY KEY,
  c_tinyint TINYINT, c_tinyint_u TINYINT UNSIGNED,
  c_smallint SMALLINT, c_smallint_u SMALLINT UNSIGNED,
  c_mediumint MEDIUMINT, c_mediumint_u MEDIUMINT UNSIGNED,
  c_int INT, c_int_u INT UNSIGNED,
  c_bigint BIGINT, c_bigint_u BIGINT UNSIGNED,
  c_dec_65_30 DECIMAL(65,30), c_dec_10_2 DECIMAL(10,2), c_dec_38_0 DECIMAL(38,0),
  c_dec_18_9 DECIMAL(18,9),
  c_float FLOAT, c_double DOUBLE,
  c_bit1 BIT(1), c_bit5 BIT(5), c_bit64 BIT(64),
  c_year YEAR,
  c_date DATE, c_datetime DATETIME, c_datetime6 DATETIME(6),
  c_timestamp6 TIMESTAMP(6) NULL DEFAULT NULL,
  c_time TIME, c_time6 TIME(6), c_time1 TIME(1),
  c_char CHAR(12) CHARACTER SET utf8mb4, c_varchar VARCHAR(200) CHARACTER SET utf8mb4,
  c_text TEXT CHARACTER SET utf8mb4, c_latin1 VARCHAR(64) CHARACTER SET latin1,
  c_enum ENUM('', 'small', 'médium', 'large, quoted "x"'),
  c_set SET('a', 'b', 'c d', 'ü'),
  c_json JSON,
  c_binary BINARY(8), c_varbinary VARBINARY(32), c_blob MEDIUMBLOB,
  c_geometry GEOMETRY,
  c_uuid UUID, c_inet4 INET4, c_inet6 INET6,
  c_not_null VARCHAR(10) NOT NULL DEFAULT 'nn'
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

INSERT INTO all_types VALUES
(1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0,
 '-99999999999999999999999999999999999.999999999999999999999999999999', -99999999.99,
 '-99999999999999999999999999999999999999', -999999999.999999999,
 -3.4e38, -1.7976931348623157e308,
 b'0', b'00000', b'0',
 1901, '1000-01-01', '1000-01-01 00:00:00', '1000-01-01 00:00:00.000000',
 '1970-01-01 00:00:01.000000',
 '-838:59:59', '-838:59:59.000000', '-00:00:00.5',
 '', '', '', '', '', '', '{}',
 x'0000000000000000', x'', x'',
 ST_GeomFromText('POINT(0 0)', 0),
 '00000000-0000-0000-0000-000000000000', '0.0.0.0', '::', ''),
(2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295,
 9223372036854775807, 18446744073709551615,
 '99999999999999999999999999999999999.999999999999999999999999999999', 99999999.99,
 '99999999999999999999999999999999999999', 999999999.999999999,
 3.4e38, 1.7976931348623157e308,
 b'1', b'11111', b'1111111111111111111111111111111111111111111111111111111111111111',
 2155, '9999-12-31', '9999-12-31 23:59:59', '9999-12-31 23:59:59.999999',
 '2038-01-19 03:14:07.999999',
 '838:59:59', '838:59:59.000000', '838:59:59.9',
 'zzzzzzzzzzzz', REPEAT('ÿ', 200), REPEAT('long text ', 6000), REPEAT(x'FF', 64),
 'large, quoted "x"', 'a,b,c d,ü',
 '{"a": [1, 2.5, "x", null, true], "nested": {"k": "v\\"q"}}',
 x'FFFFFFFFFFFFFFFF', REPEAT(x'FF', 32),
 REPEAT(x'00FF10', 349526),
 ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))', 4326),
 'ffffffff-ffff-ffff-ffff-ffffffffffff', '255.255.255.255',
 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'nn'),
(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'x'),
(4, 0, 1, -1, 1, -1, 1, -1, 1, -1, 9223372036854775808,
 '-0.000000000000000000000000000001', 0.01, '0', 0.000000001,
 1.23456789, -0.0,
 b'1', b'10101', b'1000000000000000000000000000000000000000000000000000000000000001',
 0, '0000-00-00', '0000-00-00 00:00:00', '2024-02-29 12:34:56.000001',
 '0000-00-00 00:00:00.000000',
 '00:00:00', '-00:00:01.000001', '00:00:00.0',
 'é', 'é combining: é, emoji: 😀👍🏽, CJK: 日本語',
 'line1\nline2\r\n"quoted", comma\ttab', CONCAT('latin1 ', x'80', x'8A', x'9F', x'A9'),
 'médium', 'ü', '"a string"',
 x'000102000000FF00', x'00', x'000000',
 ST_GeomFromText('LINESTRING(1.5 2.25, -3 4e10)', 3857),
 '123e4567-e89b-12d3-a456-426614174000', '192.168.0.1', '2001:db8::1', ''),
(5, 1, 128, 1, 32768, 1, 8388608, 1, 2147483648, 1, 1,
 '12345678901234567890123456789012345.123456789012345678901234567890', -0.01,
 '12345678901234567890123456789012345678', -0.000000001,
 1.17549435e-38, 4.9406564584124654e-324,
 b'0', b'00001', b'0000000000000000000000000000000000000000000000000000000000000001',
 1, '1970-01-01', '1970-01-01 00:00:00', '1969-12-31 23:59:59.999999',
 '2026-11-25 16:00:00.123456',
 '-12:00:00', '100:00:00.500000', '-00:00:00.1',
 ' padded', 'trailing space ', 'NULL', CONVERT(x'636166E9' USING latin1),
 '', 'b,c d', '[]',
 x'2C220A0D00000000', x'2C220A0D', x'2C220A0D',
 ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))', 0),
 '00000000-0000-0000-0000-000000000001', '10.0.0.255', '::ffff:192.0.2.1', 'nn'),
(6, -1, 254, -2, 65534, -2, 16777214, -2, 4294967294, -2, 18446744073709551614,
 '0.000000000000000000000000000001', 1.5, '-1', 123456789.123456789,
 -1e-50, 2.2250738585072014e-308,
 b'0', b'10000', b'0111111111111111111111111111111111111111111111111111111111111111',
 2000, '2000-02-29', '2000-02-29 00:00:00', '2000-02-29 23:59:59.500000',
 '2000-01-01 00:00:00.000000',
 '23:59:59', '-00:00:00.000001', '10:00:00.0',
 'abc', '\\ backslash \\', 'tab\there', '',
 'small', 'a,ü', '{"emoji": "😀", "num": 1e300}',
 x'0000000000000000', x'FF00', x'FF',
 ST_GeomFromText('MULTIPOINT(1 2, 3 4)', 4326),
 'abcdef01-2345-6789-abcd-ef0123456789', '1.2.3.4', 'fe80::1:2:3:4', 'nn');

-- Composite key (INT, VARCHAR): several VARCHAR parts per INT part, so chunk boundaries fall
-- inside an INT value.
CREATE TABLE composite_key (
  a INT NOT NULL,
  b VARCHAR(40) CHARACTER SET utf8mb4 NOT NULL,
  v BIGINT,
  PRIMARY KEY (a, b)
) ENGINE = InnoDB;
INSERT INTO composite_key
  SELECT s.seq DIV 7, CONCAT(CHAR(65 + s.seq MOD 7), '-', s.seq), s.seq * 3
  FROM seq_1_to_5000 AS s;
INSERT INTO composite_key VALUES (-5, '', NULL), (-5, 'é', 1), (2147483647, 'zzz', 2);

-- A case-insensitive VARCHAR key: the server orders 'a' < 'B' < 'c' (utf8mb4_unicode_ci), where
-- a byte order would put 'B' first; chunk boundaries must follow the server's order.
CREATE TABLE ci_key (
  k VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL PRIMARY KEY,
  v INT
) ENGINE = InnoDB;
INSERT INTO ci_key
  SELECT CONCAT(IF(s.seq MOD 2 = 0, 'k', 'K'), LPAD(s.seq, 5, '0'), IF(s.seq MOD 3 = 0, 'é', 'e')), s.seq
  FROM seq_1_to_3000 AS s;
INSERT INTO ci_key VALUES ('a', 1), ('B', 2), ('c', 3), ('Z', 4), ('äb', 5), ('日本', 6), ('😀', 7);

CREATE TABLE empty_table (id BIGINT UNSIGNED NOT NULL PRIMARY KEY, v VARCHAR(10)) ENGINE = InnoDB;

CREATE TABLE one_row (id BIGINT UNSIGNED NOT NULL PRIMARY KEY, v VARCHAR(10)) ENGINE = InnoDB;
INSERT INTO one_row VALUES (18446744073709551615, 'only');

-- 1,000,000 rows in a few seconds, generated by the server (Sequence engine).
CREATE TABLE million (
  id INT NOT NULL PRIMARY KEY,
  k INT NOT NULL,
  c CHAR(40) NOT NULL,
  d DECIMAL(12,2),
  t DATETIME(3)
) ENGINE = InnoDB;
INSERT INTO million
  SELECT s.seq, s.seq MOD 1000, SHA1(s.seq), s.seq / 100,
         TIMESTAMPADD(SECOND, s.seq, '2026-01-01 00:00:00.123')
  FROM seq_1_to_1000000 AS s;

-- Odd names: a table with a space, a unicode name, a backtick, a slash and dots.
CREATE TABLE `odd name` (id INT NOT NULL PRIMARY KEY, v VARCHAR(10)) ENGINE = InnoDB;
INSERT INTO `odd name` VALUES (1, 'space');
CREATE TABLE `tâble_日本` (`clé` INT NOT NULL PRIMARY KEY, `välue` VARCHAR(10)) ENGINE = InnoDB;
INSERT INTO `tâble_日本` VALUES (1, 'unicode'), (2, 'ü');
CREATE TABLE `back``tick/..` (`id``x` INT NOT NULL PRIMARY KEY, v VARCHAR(10)) ENGINE = InnoDB;
INSERT INTO `back``tick/..` VALUES (1, 'backtick'), (2, NULL);
